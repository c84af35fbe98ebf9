module example.com/go-mod-app

go 1.22.3

toolchain go1.23.1

require example.com/greeting v1.0.0
