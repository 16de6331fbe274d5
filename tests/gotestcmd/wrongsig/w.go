package wrongsig
