package tagged

const OS = "windows"

var broken int = "a windows-only file is never compiled on linux"
