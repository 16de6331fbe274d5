package allwin
