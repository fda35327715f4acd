using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Identity.Accounts.CreateStaff;

/// <summary><c>POST /api/staff</c>: an admin creates a librarian or another admin.</summary>
internal sealed record CreateStaffCommand(string? Username, string? Password, string? Role) : ICommand<Result<Guid>>;
