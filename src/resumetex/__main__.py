from resumetex.launch import main

main()
