using Mediator;

namespace Library.ArchitectureTests.Violations.UseCaseWithoutEndpoint;

/// <summary>Breaks "every use-case folder has one endpoint": a command whose route lives elsewhere.</summary>
public sealed record OrphanCommand : ICommand<int>;
