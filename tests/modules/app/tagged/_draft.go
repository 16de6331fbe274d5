package tagged

const OS = "files starting with _ are ignored"
