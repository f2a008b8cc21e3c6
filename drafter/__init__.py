"""drafter: parameterised speech and report templates rendered to GB/T 9704 Word documents."""

__version__ = "0.1.0"
