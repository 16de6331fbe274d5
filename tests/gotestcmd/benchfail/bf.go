package bfail
