from resumetex import run

run()
