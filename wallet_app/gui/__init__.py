"""The Qt desktop face of the wallet: thin widgets over the wallet's use cases."""
