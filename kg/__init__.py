"""govkg: a knowledge-graph builder for Chinese government documents.

The pipeline is ingest → segment → recognise → resolve → link → emit; each stage is a module
here and hands data classes (`kg.model`) to the next.
"""

__version__ = "0.1.0"
