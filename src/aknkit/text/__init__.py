"""Plain text: the language profiles, the parser (text -> model), the unparser
(model -> text), source folders and their checks."""
