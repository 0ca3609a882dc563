"""Domain vocabulary with no storage and no GUI: codes, labels, validators, errors."""
