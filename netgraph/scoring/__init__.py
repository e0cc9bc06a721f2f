"""The four values, the focus points and the entry points that score members."""
