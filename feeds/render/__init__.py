"""Renderers: each turns the content model into the bytes of one resource format, purely."""
