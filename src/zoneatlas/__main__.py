from zoneatlas.cli import main

main()
