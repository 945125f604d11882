"""Reading and writing files: CSV to checked event tables, atomic writes, vocabularies."""
