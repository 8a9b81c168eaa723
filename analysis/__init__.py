"""The framing kit: how news articles frame the actors in them.

Data flows one way, one module per stage:

    files -> ingest (Article records) -> nlp (parsing, on-disk cache)
          -> per-article analyses (plain records with character offsets)
          -> tables (tidy pandas DataFrames) -> plots -> notebooks and cli

`analysis.pipeline.analyze` runs the whole chain; the notebooks and the `framing`
command are thin layers over it.
"""

__version__ = "0.1.0"
