using Library.BuildingBlocks.Hosting;
using Library.BuildingBlocks.Messaging;
using Library.Lending.Command;

var builder = WebApplication.CreateBuilder(args);
builder.AddLibraryHost(LendingCommandModule.Name);
builder.Services.AddLibraryMessaging(builder.Configuration);
builder.Services.AddLendingCommandModule(builder.Configuration);

var app = builder.Build();
app.UseLibraryHost();
app.MapLendingCommandEndpoints();
await app.RunLibraryHostAsync(args);
