from aknkit.cli import main

main()
