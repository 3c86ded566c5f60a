"""aknkit: plain-text legislation to Akoma Ntoso 3.0, validated, and language
versions checked against each other."""

__version__ = "0.1.0"
