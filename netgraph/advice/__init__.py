"""Where to invest: advice, event picks, trends and what-ifs, built on the scored report."""
