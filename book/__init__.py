"""Mestringsluppen – digital håndbog: the machinery that builds the site and its PDFs."""
