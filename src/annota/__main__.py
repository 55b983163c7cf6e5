from annota.cli import main

main()
