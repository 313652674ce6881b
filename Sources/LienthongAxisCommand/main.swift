LienthongAxis.main()
