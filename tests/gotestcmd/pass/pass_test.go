package pass

import (
	"fmt"
	"testing"
)

func TestSum(t *testing.T) {
	if got := Sum(1, 2, 3); got != 6 {
		t.Fatalf("Sum = %d", got)
	}
	t.Log("sum is", Sum(1, 2, 3))
	t.Logf("two lines:\nsecond %v", []int{1, 2})
}

func TestTable(t *testing.T) {
	for _, c := range []struct{ in []int; want int }{{nil, 0}, {[]int{5}, 5}, {[]int{-1, 1}, 0}} {
		t.Run(fmt.Sprint(len(c.in)), func(t *testing.T) {
			if Sum(c.in...) != c.want {
				t.Error("wrong")
			}
		})
	}
}

func TestName(t *testing.T) {
	t.Run("a b", func(t *testing.T) {
		t.Log(t.Name())
		t.Run("c\td", func(t *testing.T) { t.Log(t.Name()) })
	})
	t.Run("a b", func(t *testing.T) { t.Log(t.Name()) })
	t.Run("", func(t *testing.T) { t.Log(t.Name()) })
	fmt.Println("printed by", t.Name())
}

func TestShortVerbose(t *testing.T) {
	t.Log("short", testing.Short(), "verbose", testing.Verbose())
}
