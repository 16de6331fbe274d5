#include "textflag.h"
TEXT _rt0_amd64_linux(SB),NOSPLIT,$0
