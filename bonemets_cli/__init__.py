"""bonemets: a teaching CLI for bone metastasis from kidney cancer. Never a diagnosis."""

__version__ = "0.1.0"
