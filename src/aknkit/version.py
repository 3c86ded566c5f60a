"""The package's version: its one home. The build reads it from here (pyproject's
``[tool.hatch.version]``), and every module that prints it imports it from here
rather than from the package, which would be an import cycle."""

__version__ = "0.1.0"
