"""Reading files into the model: one YAML reader, the loader (file:line:col for every
fault) and the catalog that finds pathway, bibliography and quiz-bank files."""
