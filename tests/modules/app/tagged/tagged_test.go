package tagged

const OS = "test files are not built"
