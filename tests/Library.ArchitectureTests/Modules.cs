using System.Reflection;

namespace Library.ArchitectureTests;

/// <summary>One entry per module; adding a module to this list puts it under every rule.</summary>
public sealed record ModuleAssemblies(string Name, Assembly Contracts, Assembly Command, Assembly Query)
{
    public string CommandNamespace => Command.GetName().Name!;

    public string QueryNamespace => Query.GetName().Name!;

    public override string ToString() => Name;
}

public static class Modules
{
    public static readonly IReadOnlyList<ModuleAssemblies> All =
    [
        new(
            "Reader",
            typeof(Reader.Contracts.ReaderTopics).Assembly,
            typeof(Reader.Command.ReaderCommandModule).Assembly,
            typeof(Reader.Query.ReaderQueryModule).Assembly),
        new(
            "Lending",
            typeof(Lending.Contracts.LendingTopics).Assembly,
            typeof(Lending.Command.LendingCommandModule).Assembly,
            typeof(Lending.Query.LendingQueryModule).Assembly),
    ];

    public static TheoryData<string> Names => [.. All.Select(m => m.Name)];

    public static ModuleAssemblies Named(string name) => All.Single(m => m.Name == name);

    /// <summary>The Identity service is one assembly (its tokens are neither commands nor a read model), with no contracts.</summary>
    public static readonly Assembly Identity = typeof(Library.Identity.IdentityModule).Assembly;

    /// <summary>The web front end: one assembly, no handlers, no events; it calls the API.</summary>
    public static readonly Assembly Web = typeof(Library.Web.WebModule).Assembly;

    /// <summary>Every assembly that is one service: the module parts, the Identity service and the web front end.</summary>
    public static IEnumerable<Assembly> Services => [.. All.SelectMany(m => new[] { m.Command, m.Query }), Identity, Web];

    public static TheoryData<string, string> AssembliesWithHandlersAndEndpoints =>
        [.. All.SelectMany(m => new[] { (m.Name, "Command"), (m.Name, "Query") }), ("Identity", "Service")];

    public static Assembly Part(string module, string part) => module == "Identity" ? Identity : part == "Command" ? Named(module).Command : Named(module).Query;
}
