print("lienthong-bench: not implemented yet")
