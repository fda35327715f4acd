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

    [Fact]
    public void The_shared_contracts_depend_on_the_bcl_only() =>
        Assert.Empty(ArchitectureRules.NonBclReferences(typeof(BuildingBlocks.Contracts.Actor).Assembly));

    [Theory]
    [MemberData(nameof(Modules.AssembliesWithHandlersAndEndpoints), MemberType = typeof(Modules))]
    public void Handlers_are_internal(string module, string part) =>
        Assert.Empty(ArchitectureRules.PublicHandlers(Modules.Part(module, part)));

    [Theory]
    [MemberData(nameof(Modules.AssembliesWithHandlersAndEndpoints), MemberType = typeof(Modules))]
    public void Endpoints_are_internal(string module, string part) =>
        Assert.Empty(ArchitectureRules.PublicEndpoints(Modules.Part(module, part)));

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void A_domain_model_depends_on_no_persistence_messaging_mediator_or_validation_library(string module)
    {
        var command = Modules.Named(module).Command;
        var domain = Modules.Named(module).CommandNamespace + ".Domain";
        Assert.Contains(command.GetTypes(), t => t.Namespace == domain); // not vacuous
        Assert.Empty(ArchitectureRules.DomainTypesDependingOn(command, domain, ArchitectureRules.Infrastructure));
    }

    [Theory]
    [MemberData(nameof(Modules.AssembliesWithHandlersAndEndpoints), MemberType = typeof(Modules))]
    public void Every_subscription_group_starts_with_its_modules_service_name(string module, string part)
    {
        var assembly = Modules.Part(module, part);
        Assert.NotEmpty(ArchitectureRules.Subscriptions(assembly)); // every part consumes events; not vacuous
        Assert.Empty(ArchitectureRules.SubscriptionsOutsideGroup(assembly, ArchitectureRules.ServiceNameOf(assembly)));
    }

    [Theory]
    [MemberData(nameof(Modules.AssembliesWithHandlersAndEndpoints), MemberType = typeof(Modules))]
    public void Every_use_case_folder_has_one_endpoint(string module, string part) =>
        Assert.Empty(ArchitectureRules.UseCasesWithoutOneEndpoint(Modules.Part(module, part)));

    [Fact]
    public void The_gateway_routes_to_every_service_by_its_modules_name()
    {
        // The gateway carries no module code, so it cannot use the Name constants; this keeps its list in step.
        var gateway = Assembly.Load("Library.Gateway").GetType("Library.Gateway.GatewayRoutes", throwOnError: true)!;
        var routed = (IReadOnlyList<string>)gateway.GetField("Services", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var services = Modules.Services.Select(ArchitectureRules.ServiceNameOf);
        Assert.Equal(services.Order(StringComparer.Ordinal), routed.Order(StringComparer.Ordinal));
    }

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
        { "Library.Host", ["Library.BuildingBlocks.Hosting", "Library.BuildingBlocks.Messaging", "Library.Reader.Command", "Library.Reader.Query", "Library.Lending.Command", "Library.Lending.Query", "Library.Identity", "Library.Web"] },
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

    [Fact]
    public void The_web_front_end_reaches_the_services_only_through_the_http_api()
    {
        var web = typeof(Library.Web.WebModule).Assembly;
        Assert.Contains(web.GetTypes(), t => t.Name == "LibraryApi"); // the front end's one way in; not vacuous
        Assert.Empty(ArchitectureRules.TypesDependingOn(web, ArchitectureRules.BeyondTheHttpApi));
    }

    // Each rule above, run against code that breaks it: a rule that cannot fail proves nothing.

    [Fact]
    public void The_web_front_end_rule_catches_a_module_and_a_database()
    {
        var offending = ArchitectureRules.TypesDependingOn(Violations, ArchitectureRules.BeyondTheHttpApi);
        Assert.Contains(typeof(UsesAnotherModulesCommandSide).FullName, offending);
        Assert.Contains(typeof(UsesEntityFramework).FullName, offending);
    }

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
    public void The_domain_rule_catches_a_domain_type_using_ef_core_or_mediator()
    {
        var offenders = ArchitectureRules.DomainTypesDependingOn(Violations, typeof(Violations.Domain.PersistedAggregate).Namespace!, ArchitectureRules.Infrastructure);
        Assert.Contains(typeof(Violations.Domain.PersistedAggregate).FullName, offenders);
        Assert.Contains(typeof(Violations.Domain.DispatchingAggregate).FullName, offenders);
        Assert.DoesNotContain(typeof(UsesEntityFramework).FullName, offenders); // outside the domain namespace
    }

    [Fact]
    public void The_subscription_group_rule_catches_another_services_group_and_the_default_group()
    {
        var offenders = ArchitectureRules.SubscriptionsOutsideGroup(Violations, ArchitectureRules.ServiceNameOf(Violations));
        Assert.Contains(offenders, o => o.Contains(nameof(SubscribesInAnotherServicesGroup.OnBorrowedGroup), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains(nameof(SubscribesInAnotherServicesGroup.OnDefaultGroup), StringComparison.Ordinal));
        Assert.Contains(offenders, o => o.Contains(nameof(SubscribesInAnotherServicesGroup.OnPrefixLookalike), StringComparison.Ordinal));
        Assert.DoesNotContain(offenders, o => o.Contains(nameof(SubscribesInAnotherServicesGroup.OnOwnGroup), StringComparison.Ordinal));
    }

    [Fact]
    public void The_endpoint_per_use_case_rule_catches_a_folder_without_an_endpoint() =>
        Assert.Contains(typeof(Violations.UseCaseWithoutEndpoint.OrphanCommand).Namespace, ArchitectureRules.UseCasesWithoutOneEndpoint(Violations));

    [Fact]
    public void The_host_rule_catches_a_reference_to_a_module_the_host_does_not_run() =>
        Assert.Contains(
            "Library.Reader.Command",
            ArchitectureRules.UnexpectedLibraryReferences(Violations, new HashSet<string>(StringComparer.Ordinal) { "Library.BuildingBlocks.ReadStore" }));
}
