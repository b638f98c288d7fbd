using System.CommandLine;
using Coopdir.Cli;

// coopdir: one program that is both the command line and the web host.
var root = new RootCommand("Coopdir: an open, peer-produced directory of cooperatives and the organizations around them.");
root.Options.Add(CommonOptions.Database);
root.Options.Add(CommonOptions.Verbose);

root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(MigrateStoreCommand.Create());
root.Subcommands.Add(MirrorCommand.Create());
root.Subcommands.Add(ReleaseCommand.Create());
root.Subcommands.Add(UsersCommand.Create());
root.Subcommands.Add(TokensCommand.Create());
root.Subcommands.Add(SourcesCommand.Create());
root.Subcommands.Add(AreasCommand.Create());
root.Subcommands.Add(DuplicatesCommand.Create());
root.Subcommands.Add(ReconcileCommand.Create());
root.Subcommands.Add(TablesCommand.Create());
root.Subcommands.Add(LedgerCommand.Create());
root.Subcommands.Add(MoneyCommand.Create());

var parsed = root.Parse(args);
try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (!parsed.GetValue(CommonOptions.Verbose))
{
    // An operator's condition (disk full, read-only) or any other failure: one line, not a stack trace.
    Console.Error.WriteLine(CommonOptions.OneLine(e, parsed.GetValue(CommonOptions.Database)!));
    return 1;
}
