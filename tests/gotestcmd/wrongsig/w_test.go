package wrongsig
import "testing"
func TestW(t *testing.B) {}
