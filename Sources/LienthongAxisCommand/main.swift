print("lienthong-axis")
