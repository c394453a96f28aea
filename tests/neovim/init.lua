-- A minimal Neovim (0.7+) setup for the oclint language server: the built-in LSP client
-- only. Run headless by tests/test_neovim.py: open the config named on the command line,
-- wait for oclint's diagnostics, apply the OC306 quick fix, save, wait for the re-lint,
-- and write what happened to $OCLINT_RESULT as JSON.
local oclint, out = os.getenv("OCLINT"), os.getenv("OCLINT_RESULT")
local result = { before = {}, after = {}, actions = {} }

local function codes()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(found, { code = code, lnum = d.lnum, col = d.col, message = d.message })
  end
  return found
end

local function finish(err)
  result.error = err
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

vim.api.nvim_create_autocmd("VimEnter", { callback = function()
  local ok, err = pcall(function()
    local buf = vim.api.nvim_get_current_buf()
    local id = vim.lsp.start_client({ name = "oclint", cmd = { oclint, "server" },
                                      root_dir = vim.fn.expand("%:p:h") })
    vim.lsp.buf_attach_client(buf, id)
    if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
      return finish("no diagnostics")
    end
    result.before = codes()
    local target
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == "OC306" then target = d end
    end
    if not target then return finish("no OC306") end
    vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
    local params = vim.lsp.util.make_range_params()
    params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf) }
    local replies = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
    local chosen
    for _, reply in pairs(replies) do
      for _, action in ipairs(reply.result or {}) do
        table.insert(result.actions, action.title)
        if action.title:find("OC306") and not action.title:find("Suppress") then chosen = action end
      end
    end
    if not chosen then return finish("no quick fix") end
    vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
    vim.cmd("write")
    local fixed = function()
      for _, d in ipairs(codes()) do if d.code == "OC306" then return false end end
      return true
    end
    if not vim.wait(20000, fixed, 50) then return finish("OC306 still reported after the fix") end
    result.after = codes()
    finish(vim.NIL)
  end)
  if not ok then finish(tostring(err)) end
end })
