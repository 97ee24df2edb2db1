from rectlint.cli import main

main()
