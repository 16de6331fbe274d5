package skipall
