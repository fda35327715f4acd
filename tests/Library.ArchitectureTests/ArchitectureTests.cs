using System.Reflection;
using Library.ArchitectureTests.Violations;

namespace Library.ArchitectureTests;

public sealed class ArchitectureTests
{
    private static readonly Assembly Violations = typeof(PublicHandler).Assembly;

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void A_module_does_not_reference_another_modules_command_or_query_side(string module)
    {
        var self = Modules.Named(module);
        var others = Modules.All.Where(m => m != self).SelectMany(m => new[] { m.CommandNamespace, m.QueryNamespace }).ToArray();
        Assert.Empty(ArchitectureRules.TypesDependingOn(self.Command, others));
        Assert.Empty(ArchitectureRules.TypesDependingOn(self.Query, others));
        Assert.Empty(ArchitectureRules.TypesDependingOn(self.Contracts, others));
    }

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void Command_and_query_sides_of_a_module_do_not_reference_each_other(string module)
    {
        var self = Modules.Named(module);
        Assert.Empty(ArchitectureRules.TypesDependingOn(self.Command, self.QueryNamespace));
        Assert.Empty(ArchitectureRules.TypesDependingOn(self.Query, self.CommandNamespace));
    }

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void A_query_side_does_not_use_ef_core_npgsql_or_a_command_db_context(string module) =>
        Assert.Empty(ArchitectureRules.TypesDependingOn(Modules.Named(module).Query, ArchitectureRules.EntityFrameworkAndNpgsql));

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void A_command_side_does_not_use_the_read_store(string module) =>
        Assert.Empty(ArchitectureRules.TypesDependingOn(Modules.Named(module).Command, ArchitectureRules.ReadStore));

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void Contracts_depend_on_the_bcl_only(string module) =>
        Assert.Empty(ArchitectureRules.NonBclReferences(Modules.Named(module).Contracts));

    [Theory]
    [MemberData(nameof(Modules.AssembliesWithHandlersAndEndpoints), MemberType = typeof(Modules))]
    public void Handlers_are_internal(string module, string part) =>
        Assert.Empty(ArchitectureRules.PublicHandlers(Modules.Part(module, part)));

    [Theory]
    [MemberData(nameof(Modules.AssembliesWithHandlersAndEndpoints), MemberType = typeof(Modules))]
    public void Endpoints_are_internal(string module, string part) =>
        Assert.Empty(ArchitectureRules.PublicEndpoints(Modules.Part(module, part)));

    [Fact]
    public void Handlers_exist_where_the_rule_looks_for_them()
    {
        // Guards against the handler rule passing vacuously because it recognises no handler.
        var handlers = Modules.All.SelectMany(m => new[] { m.Command, m.Query })
            .SelectMany(a => a.GetTypes())
            .Count(t => t.GetInterfaces().Any(i => i.IsGenericType && i.Namespace == "Mediator" && i.Name.Contains("Handler", StringComparison.Ordinal)));
        Assert.True(handlers >= 7 + 15, $"Expected the reader and lending handlers, found {handlers}.");
    }

    public static TheoryData<string, string[]> Hosts => new()
    {
        { "Library.Host", ["Library.BuildingBlocks.Hosting", "Library.BuildingBlocks.Messaging", "Library.Reader.Command", "Library.Reader.Query", "Library.Lending.Command", "Library.Lending.Query", "Library.Identity"] },
        { "Library.ReaderCommand.Host", ["Library.BuildingBlocks.Hosting", "Library.BuildingBlocks.Messaging", "Library.Reader.Command"] },
        { "Library.ReaderQuery.Host", ["Library.BuildingBlocks.Hosting", "Library.BuildingBlocks.Messaging", "Library.Reader.Query"] },
        { "Library.LendingCommand.Host", ["Library.BuildingBlocks.Hosting", "Library.BuildingBlocks.Messaging", "Library.Lending.Command"] },
        { "Library.LendingQuery.Host", ["Library.BuildingBlocks.Hosting", "Library.BuildingBlocks.Messaging", "Library.Lending.Query"] },
        { "Library.Identity.Host", ["Library.BuildingBlocks.Hosting", "Library.BuildingBlocks.Messaging", "Library.Identity"] },
        { "Library.Gateway", ["Library.BuildingBlocks.Hosting", "Library.BuildingBlocks"] },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Each_host_references_exactly_the_modules_it_runs_and_hosting_building_blocks(string host, string[] allowed)
    {
        var assembly = Assembly.Load(host);
        Assert.Empty(ArchitectureRules.UnexpectedLibraryReferences(assembly, new HashSet<string>(allowed, StringComparer.Ordinal)));

        // The rule passes vacuously for a host that runs nothing; each must reference what it runs.
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(allowed.Where(a => !a.StartsWith("Library.BuildingBlocks", StringComparison.Ordinal)), module => Assert.Contains(module, referenced));
    }

    // Each rule above, run against code that breaks it: a rule that cannot fail proves nothing.

    [Fact]
    public void The_module_boundary_rule_catches_a_reference_to_another_modules_command_side() =>
        Assert.Contains(typeof(UsesAnotherModulesCommandSide).FullName, ArchitectureRules.TypesDependingOn(Violations, "Library.Reader.Command"));

    [Fact]
    public void The_query_side_rule_catches_ef_core() =>
        Assert.Contains(typeof(UsesEntityFramework).FullName, ArchitectureRules.TypesDependingOn(Violations, ArchitectureRules.EntityFrameworkAndNpgsql));

    [Fact]
    public void The_command_side_rule_catches_the_read_store() =>
        Assert.Contains(typeof(UsesReadStore).FullName, ArchitectureRules.TypesDependingOn(Violations, ArchitectureRules.ReadStore));

    [Fact]
    public void The_contracts_rule_catches_a_non_bcl_reference() =>
        Assert.Contains("Mediator", ArchitectureRules.NonBclReferences(Violations));

    [Fact]
    public void The_handler_rule_catches_a_public_handler() =>
        Assert.Contains(typeof(PublicHandler).FullName, ArchitectureRules.PublicHandlers(Violations));

    [Fact]
    public void The_endpoint_rule_catches_a_public_endpoint() =>
        Assert.Contains(typeof(PublicEndpoint).FullName, ArchitectureRules.PublicEndpoints(Violations));

    [Fact]
    public void The_host_rule_catches_a_reference_to_a_module_the_host_does_not_run() =>
        Assert.Contains(
            "Library.Reader.Command",
            ArchitectureRules.UnexpectedLibraryReferences(Violations, new HashSet<string>(StringComparer.Ordinal) { "Library.BuildingBlocks.ReadStore" }));
}
