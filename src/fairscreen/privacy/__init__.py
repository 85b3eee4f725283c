"""Personal-data protection: subject keys, encrypted fields and files, crypto-shredding."""
