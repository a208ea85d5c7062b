"""REFI-QDA project exchange (``.qdpx``): MAXQDA, NVivo, ATLAS.ti, QualCoder."""
