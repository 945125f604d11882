"""All output formatting lives here; `formats.FORMATS` lists every format. Machine formats need only the
standard library; Rich is imported by the terminal renderers alone, so a pipe never pays for it."""
