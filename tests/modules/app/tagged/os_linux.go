package tagged

const OS = "linux"
