package testmain

var Setup string
