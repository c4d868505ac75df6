"""What a run is, independent of where it is published: its manifest, its fingerprint (what it
was computed from), its files as text, and the diff between two runs."""
