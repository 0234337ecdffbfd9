from resumetex.cli import main

main()
