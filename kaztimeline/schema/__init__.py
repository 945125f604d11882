"""The data's shape: column names and kinds from datapackage.json, the rules applied to cells, problems."""
