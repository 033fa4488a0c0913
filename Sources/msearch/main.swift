print("msearch")
