#!/usr/bin/env node
// Built from src/ by `npm run build`; edit src/, not this file.
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf, __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from == "object" || typeof from == "function")
    for (let key of __getOwnPropNames(from))
      !__hasOwnProp.call(to, key) && key !== except && __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: !0 }) : target,
  mod
));

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports2) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message2) {
        super(message2), Error.captureStackTrace(this, this.constructor), this.name = this.constructor.name, this.code = code, this.exitCode = exitCode, this.nestedError = void 0;
      }
    }, InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message2) {
        super(1, "commander.invalidArgument", message2), Error.captureStackTrace(this, this.constructor), this.name = this.constructor.name;
      }
    };
    exports2.CommanderError = CommanderError2;
    exports2.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports2) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error(), Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        switch (this.description = description || "", this.variadic = !1, this.parseArg = void 0, this.defaultValue = void 0, this.defaultValueDescription = void 0, this.argChoices = void 0, name[0]) {
          case "<":
            this.required = !0, this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = !1, this._name = name.slice(1, -1);
            break;
          default:
            this.required = !0, this._name = name;
            break;
        }
        this._name.length > 3 && this._name.slice(-3) === "..." && (this.variadic = !0, this._name = this._name.slice(0, -3));
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _concatValue(value, previous) {
        return previous === this.defaultValue || !Array.isArray(previous) ? [value] : previous.concat(value);
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        return this.defaultValue = value, this.defaultValueDescription = description, this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        return this.parseArg = fn, this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        return this.argChoices = values.slice(), this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg))
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          return this.variadic ? this._concatValue(arg, previous) : arg;
        }, this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        return this.required = !0, this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        return this.required = !1, this;
      }
    };
    function humanReadableArgName(arg) {
      let nameOutput = arg.name() + (arg.variadic === !0 ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports2.Argument = Argument2;
    exports2.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports2) {
    var { humanReadableArgName } = require_argument(), Help2 = class {
      constructor() {
        this.helpWidth = void 0, this.minWidthToWrap = 40, this.sortSubcommands = !1, this.sortOptions = !1, this.showGlobalOptions = !1;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        let visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden), helpCommand = cmd._getHelpCommand();
        return helpCommand && !helpCommand._hidden && visibleCommands.push(helpCommand), this.sortSubcommands && visibleCommands.sort((a, b) => a.name().localeCompare(b.name())), visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        let getSortKey = (option) => option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        let visibleOptions = cmd.options.filter((option) => !option.hidden), helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          let removeShort = helpOption.short && cmd._findOption(helpOption.short), removeLong = helpOption.long && cmd._findOption(helpOption.long);
          !removeShort && !removeLong ? visibleOptions.push(helpOption) : helpOption.long && !removeLong ? visibleOptions.push(
            cmd.createOption(helpOption.long, helpOption.description)
          ) : helpOption.short && !removeShort && visibleOptions.push(
            cmd.createOption(helpOption.short, helpOption.description)
          );
        }
        return this.sortOptions && visibleOptions.sort(this.compareOptions), visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        let globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          let visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        return this.sortOptions && globalOptions.sort(this.compareOptions), globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        return cmd._argsDescription && cmd.registeredArguments.forEach((argument) => {
          argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
        }), cmd.registeredArguments.find((argument) => argument.description) ? cmd.registeredArguments : [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        let args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => Math.max(
          max,
          this.displayWidth(
            helper.styleSubcommandTerm(helper.subcommandTerm(command))
          )
        ), 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => Math.max(
          max,
          this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
        ), 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => Math.max(
          max,
          this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
        ), 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => Math.max(
          max,
          this.displayWidth(
            helper.styleArgumentTerm(helper.argumentTerm(argument))
          )
        ), 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        cmd._aliases[0] && (cmdName = cmdName + "|" + cmd._aliases[0]);
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent)
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        let extraInfo = [];
        return option.argChoices && extraInfo.push(
          // use stringify to match the display of the default value
          `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
        ), option.defaultValue !== void 0 && (option.required || option.optional || option.isBoolean() && typeof option.defaultValue == "boolean") && extraInfo.push(
          `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
        ), option.presetArg !== void 0 && option.optional && extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`), option.envVar !== void 0 && extraInfo.push(`env: ${option.envVar}`), extraInfo.length > 0 ? `${option.description} (${extraInfo.join(", ")})` : option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        let extraInfo = [];
        if (argument.argChoices && extraInfo.push(
          // use stringify to match the display of the default value
          `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
        ), argument.defaultValue !== void 0 && extraInfo.push(
          `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
        ), extraInfo.length > 0) {
          let extraDescription = `(${extraInfo.join(", ")})`;
          return argument.description ? `${argument.description} ${extraDescription}` : extraDescription;
        }
        return argument.description;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        let termWidth = helper.padWidth(cmd, helper), helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ], commandDescription = helper.commandDescription(cmd);
        commandDescription.length > 0 && (output = output.concat([
          helper.boxWrap(
            helper.styleCommandDescription(commandDescription),
            helpWidth
          ),
          ""
        ]));
        let argumentList = helper.visibleArguments(cmd).map((argument) => callFormatItem(
          helper.styleArgumentTerm(helper.argumentTerm(argument)),
          helper.styleArgumentDescription(helper.argumentDescription(argument))
        ));
        argumentList.length > 0 && (output = output.concat([
          helper.styleTitle("Arguments:"),
          ...argumentList,
          ""
        ]));
        let optionList = helper.visibleOptions(cmd).map((option) => callFormatItem(
          helper.styleOptionTerm(helper.optionTerm(option)),
          helper.styleOptionDescription(helper.optionDescription(option))
        ));
        if (optionList.length > 0 && (output = output.concat([
          helper.styleTitle("Options:"),
          ...optionList,
          ""
        ])), helper.showGlobalOptions) {
          let globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => callFormatItem(
            helper.styleOptionTerm(helper.optionTerm(option)),
            helper.styleOptionDescription(helper.optionDescription(option))
          ));
          globalOptionList.length > 0 && (output = output.concat([
            helper.styleTitle("Global Options:"),
            ...globalOptionList,
            ""
          ]));
        }
        let commandList = helper.visibleCommands(cmd).map((cmd2) => callFormatItem(
          helper.styleSubcommandTerm(helper.subcommandTerm(cmd2)),
          helper.styleSubcommandDescription(helper.subcommandDescription(cmd2))
        ));
        return commandList.length > 0 && (output = output.concat([
          helper.styleTitle("Commands:"),
          ...commandList,
          ""
        ])), output.join(`
`);
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripColor(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str.split(" ").map((word) => word === "[options]" ? this.styleOptionText(word) : word === "[command]" ? this.styleSubcommandText(word) : word[0] === "[" || word[0] === "<" ? this.styleArgumentText(word) : this.styleCommandText(word)).join(" ");
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str.split(" ").map((word) => word === "[options]" ? this.styleOptionText(word) : word[0] === "[" || word[0] === "<" ? this.styleArgumentText(word) : this.styleSubcommandText(word)).join(" ");
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        let itemIndentStr = " ".repeat(2);
        if (!description) return itemIndentStr + term;
        let paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        ), spacerWidth = 2, remainingWidth = (this.helpWidth ?? 80) - termWidth - spacerWidth - 2, formattedDescription;
        return remainingWidth < this.minWidthToWrap || helper.preformatted(description) ? formattedDescription = description : formattedDescription = helper.boxWrap(description, remainingWidth).replace(
          /\n/g,
          `
` + " ".repeat(termWidth + spacerWidth)
        ), itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        let rawLines = str.split(/\r\n|\n/), chunkPattern = /[\s]*[^\s]+/g, wrappedLines = [];
        return rawLines.forEach((line) => {
          let chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()], sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            let visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk), sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            let nextChunk = chunk.trimStart();
            sumChunks = [nextChunk], sumWidth = this.displayWidth(nextChunk);
          }), wrappedLines.push(sumChunks.join(""));
        }), wrappedLines.join(`
`);
      }
    };
    function stripColor(str) {
      let sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str.replace(sgrPattern, "");
    }
    exports2.Help = Help2;
    exports2.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports2) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error(), Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags, this.description = description || "", this.required = flags.includes("<"), this.optional = flags.includes("["), this.variadic = /\w\.\.\.[>\]]$/.test(flags), this.mandatory = !1;
        let optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag, this.long = optionFlags.longFlag, this.negate = !1, this.long && (this.negate = this.long.startsWith("--no-")), this.defaultValue = void 0, this.defaultValueDescription = void 0, this.presetArg = void 0, this.envVar = void 0, this.parseArg = void 0, this.hidden = !1, this.argChoices = void 0, this.conflictsWith = [], this.implied = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        return this.defaultValue = value, this.defaultValueDescription = description, this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        return this.presetArg = arg, this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        return this.conflictsWith = this.conflictsWith.concat(names), this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        return typeof impliedOptionValues == "string" && (newImplied = { [impliedOptionValues]: !0 }), this.implied = Object.assign(this.implied || {}, newImplied), this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        return this.envVar = name, this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        return this.parseArg = fn, this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = !0) {
        return this.mandatory = !!mandatory, this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = !0) {
        return this.hidden = !!hide, this;
      }
      /**
       * @package
       */
      _concatValue(value, previous) {
        return previous === this.defaultValue || !Array.isArray(previous) ? [value] : previous.concat(value);
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        return this.argChoices = values.slice(), this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg))
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          return this.variadic ? this._concatValue(arg, previous) : arg;
        }, this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        return this.long ? this.long.replace(/^--/, "") : this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        return this.negate ? camelcase(this.name().replace(/^no-/, "")) : camelcase(this.name());
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    }, DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map(), this.negativeOptions = /* @__PURE__ */ new Map(), this.dualOptions = /* @__PURE__ */ new Set(), options.forEach((option) => {
          option.negate ? this.negativeOptions.set(option.attributeName(), option) : this.positiveOptions.set(option.attributeName(), option);
        }), this.negativeOptions.forEach((value, key) => {
          this.positiveOptions.has(key) && this.dualOptions.add(key);
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        let optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return !0;
        let preset = this.negativeOptions.get(optionKey).presetArg, negativeValue = preset !== void 0 ? preset : !1;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str) {
      return str.split("-").reduce((str2, word) => str2 + word[0].toUpperCase() + word.slice(1));
    }
    function splitOptionFlags(flags) {
      let shortFlag, longFlag, shortFlagExp = /^-[^-]$/, longFlagExp = /^--[^-]/, flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0]) && (shortFlag = flagParts.shift()), longFlagExp.test(flagParts[0]) && (longFlag = flagParts.shift()), !shortFlag && shortFlagExp.test(flagParts[0]) && (shortFlag = flagParts.shift()), !shortFlag && longFlagExp.test(flagParts[0]) && (shortFlag = longFlag, longFlag = flagParts.shift()), flagParts[0].startsWith("-")) {
        let unsupportedFlag = flagParts[0], baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        throw /^-[^-][^-]/.test(unsupportedFlag) ? new Error(
          `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
        ) : shortFlagExp.test(unsupportedFlag) ? new Error(`${baseError}
- too many short flags`) : longFlagExp.test(unsupportedFlag) ? new Error(`${baseError}
- too many long flags`) : new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports2.Option = Option2;
    exports2.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports2) {
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > 3)
        return Math.max(a.length, b.length);
      let d = [];
      for (let i = 0; i <= a.length; i++)
        d[i] = [i];
      for (let j = 0; j <= b.length; j++)
        d[0][j] = j;
      for (let j = 1; j <= b.length; j++)
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          a[i - 1] === b[j - 1] ? cost = 0 : cost = 1, d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          ), i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && (d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1));
        }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      let searchingOptions = word.startsWith("--");
      searchingOptions && (word = word.slice(2), candidates = candidates.map((candidate) => candidate.slice(2)));
      let similar = [], bestDistance = 3, minSimilarity = 0.4;
      return candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        let distance = editDistance(word, candidate), length = Math.max(word.length, candidate.length);
        (length - distance) / length > minSimilarity && (distance < bestDistance ? (bestDistance = distance, similar = [candidate]) : distance === bestDistance && similar.push(candidate));
      }), similar.sort((a, b) => a.localeCompare(b)), searchingOptions && (similar = similar.map((candidate) => `--${candidate}`)), similar.length > 1 ? `
(Did you mean one of ${similar.join(", ")}?)` : similar.length === 1 ? `
(Did you mean ${similar[0]}?)` : "";
    }
    exports2.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports2) {
    var EventEmitter = require("node:events").EventEmitter, childProcess = require("node:child_process"), path7 = require("node:path"), fs6 = require("node:fs"), process2 = require("node:process"), { Argument: Argument2, humanReadableArgName } = require_argument(), { CommanderError: CommanderError2 } = require_error(), { Help: Help2, stripColor } = require_help(), { Option: Option2, DualOptions } = require_option(), { suggestSimilar } = require_suggestSimilar(), Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super(), this.commands = [], this.options = [], this.parent = null, this._allowUnknownOption = !1, this._allowExcessArguments = !1, this.registeredArguments = [], this._args = this.registeredArguments, this.args = [], this.rawArgs = [], this.processedArgs = [], this._scriptPath = null, this._name = name || "", this._optionValues = {}, this._optionValueSources = {}, this._storeOptionsAsProperties = !1, this._actionHandler = null, this._executableHandler = !1, this._executableFile = null, this._executableDir = null, this._defaultCommandName = null, this._exitCallback = null, this._aliases = [], this._combineFlagAndOptionalValue = !0, this._description = "", this._summary = "", this._argsDescription = void 0, this._enablePositionalOptions = !1, this._passThroughOptions = !1, this._lifeCycleHooks = {}, this._showHelpAfterError = !1, this._showSuggestionAfterError = !0, this._savedState = null, this._outputConfiguration = {
          writeOut: (str) => process2.stdout.write(str),
          writeErr: (str) => process2.stderr.write(str),
          outputError: (str, write) => write(str),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str) => stripColor(str)
        }, this._hidden = !1, this._helpOption = void 0, this._addImplicitHelpCommand = void 0, this._helpCommand = void 0, this._helpConfiguration = {};
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        return this._outputConfiguration = sourceCommand._outputConfiguration, this._helpOption = sourceCommand._helpOption, this._helpCommand = sourceCommand._helpCommand, this._helpConfiguration = sourceCommand._helpConfiguration, this._exitCallback = sourceCommand._exitCallback, this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties, this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue, this._allowExcessArguments = sourceCommand._allowExcessArguments, this._enablePositionalOptions = sourceCommand._enablePositionalOptions, this._showHelpAfterError = sourceCommand._showHelpAfterError, this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError, this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        let result = [];
        for (let command = this; command; command = command.parent)
          result.push(command);
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc, opts = execOpts;
        typeof desc == "object" && desc !== null && (opts = desc, desc = null), opts = opts || {};
        let [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/), cmd = this.createCommand(name);
        return desc && (cmd.description(desc), cmd._executableHandler = !0), opts.isDefault && (this._defaultCommandName = cmd._name), cmd._hidden = !!(opts.noHelp || opts.hidden), cmd._executableFile = opts.executableFile || null, args && cmd.arguments(args), this._registerCommand(cmd), cmd.parent = this, cmd.copyInheritedSettings(this), desc ? this : cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        return configuration === void 0 ? this._helpConfiguration : (this._helpConfiguration = configuration, this);
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        return configuration === void 0 ? this._outputConfiguration : (Object.assign(this._outputConfiguration, configuration), this);
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = !0) {
        return typeof displayHelp != "string" && (displayHelp = !!displayHelp), this._showHelpAfterError = displayHelp, this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = !0) {
        return this._showSuggestionAfterError = !!displaySuggestion, this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name)
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        return opts = opts || {}, opts.isDefault && (this._defaultCommandName = cmd._name), (opts.noHelp || opts.hidden) && (cmd._hidden = !0), this._registerCommand(cmd), cmd.parent = this, cmd._checkForBrokenPassThrough(), this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [fn] - custom argument processing function
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, fn, defaultValue) {
        let argument = this.createArgument(name, description);
        return typeof fn == "function" ? argument.default(defaultValue).argParser(fn) : argument.default(fn), this.addArgument(argument), this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        return names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        }), this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        let previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument && previousArgument.variadic)
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0)
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        return this.registeredArguments.push(argument), this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs == "boolean")
          return this._addImplicitHelpCommand = enableOrNameAndArgs, this;
        enableOrNameAndArgs = enableOrNameAndArgs ?? "help [command]";
        let [, helpName, helpArgs] = enableOrNameAndArgs.match(/([^ ]+) *(.*)/), helpDescription = description ?? "display help for command", helpCommand = this.createCommand(helpName);
        return helpCommand.helpOption(!1), helpArgs && helpCommand.arguments(helpArgs), helpDescription && helpCommand.description(helpDescription), this._addImplicitHelpCommand = !0, this._helpCommand = helpCommand, this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        return typeof helpCommand != "object" ? (this.helpCommand(helpCommand, deprecatedDescription), this) : (this._addImplicitHelpCommand = !0, this._helpCommand = helpCommand, this);
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        return this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help")) ? (this._helpCommand === void 0 && this.helpCommand(void 0, void 0), this._helpCommand) : null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        let allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event))
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        return this._lifeCycleHooks[event] ? this._lifeCycleHooks[event].push(listener) : this._lifeCycleHooks[event] = [listener], this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        return fn ? this._exitCallback = fn : this._exitCallback = (err) => {
          if (err.code !== "commander.executeSubCommandAsync")
            throw err;
        }, this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message2) {
        this._exitCallback && this._exitCallback(new CommanderError2(exitCode, code, message2)), process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        let listener = (args) => {
          let expectedArgsCount = this.registeredArguments.length, actionArgs = args.slice(0, expectedArgsCount);
          return this._storeOptionsAsProperties ? actionArgs[expectedArgsCount] = this : actionArgs[expectedArgsCount] = this.opts(), actionArgs.push(this), fn.apply(this, actionArgs);
        };
        return this._actionHandler = listener, this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            let message2 = `${invalidArgumentMessage} ${err.message}`;
            this.error(message2, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        let matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          let matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        let knownBy = (cmd) => [cmd.name()].concat(cmd.aliases()), alreadyUsed = knownBy(command).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          let existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|"), newCmd = knownBy(command).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        let oname = option.name(), name = option.attributeName();
        if (option.negate) {
          let positiveLongFlag = option.long.replace(/^--no-/, "--");
          this._findOption(positiveLongFlag) || this.setOptionValueWithSource(
            name,
            option.defaultValue === void 0 ? !0 : option.defaultValue,
            "default"
          );
        } else option.defaultValue !== void 0 && this.setOptionValueWithSource(name, option.defaultValue, "default");
        let handleOptionValue = (val, invalidValueMessage, valueSource) => {
          val == null && option.presetArg !== void 0 && (val = option.presetArg);
          let oldValue = this.getOptionValue(name);
          val !== null && option.parseArg ? val = this._callParseArg(option, val, oldValue, invalidValueMessage) : val !== null && option.variadic && (val = option._concatValue(val, oldValue)), val == null && (option.negate ? val = !1 : option.isBoolean() || option.optional ? val = !0 : val = ""), this.setOptionValueWithSource(name, val, valueSource);
        };
        return this.on("option:" + oname, (val) => {
          let invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        }), option.envVar && this.on("optionEnv:" + oname, (val) => {
          let invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "env");
        }), this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags == "object" && flags instanceof Option2)
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        let option = this.createOption(flags, description);
        if (option.makeOptionMandatory(!!config.mandatory), typeof fn == "function")
          option.default(defaultValue).argParser(fn);
        else if (fn instanceof RegExp) {
          let regex = fn;
          fn = (val, def) => {
            let m = regex.exec(val);
            return m ? m[0] : def;
          }, option.default(defaultValue).argParser(fn);
        } else
          option.default(fn);
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: !0 },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = !0) {
        return this._combineFlagAndOptionalValue = !!combine, this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = !0) {
        return this._allowUnknownOption = !!allowUnknown, this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = !0) {
        return this._allowExcessArguments = !!allowExcess, this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = !0) {
        return this._enablePositionalOptions = !!positional, this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = !0) {
        return this._passThroughOptions = !!passThrough, this._checkForBrokenPassThrough(), this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions)
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = !0) {
        if (this.options.length)
          throw new Error("call .storeOptionsAsProperties() before adding options");
        if (Object.keys(this._optionValues).length)
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        return this._storeOptionsAsProperties = !!storeAsProperties, this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        return this._storeOptionsAsProperties ? this[key] : this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        return this._storeOptionsAsProperties ? this[key] = value : this._optionValues[key] = value, this._optionValueSources[key] = source, this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        return this._getCommandAndAncestors().forEach((cmd) => {
          cmd.getOptionValueSource(key) !== void 0 && (source = cmd.getOptionValueSource(key));
        }), source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv))
          throw new Error("first parameter to parse must be array or undefined");
        if (parseOptions = parseOptions || {}, argv === void 0 && parseOptions.from === void 0) {
          process2.versions?.electron && (parseOptions.from = "electron");
          let execArgv = process2.execArgv ?? [];
          (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) && (parseOptions.from = "eval");
        }
        argv === void 0 && (argv = process2.argv), this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1], userArgs = argv.slice(2);
            break;
          case "electron":
            process2.defaultApp ? (this._scriptPath = argv[1], userArgs = argv.slice(2)) : userArgs = argv.slice(1);
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        return !this._name && this._scriptPath && this.nameFromFilename(this._scriptPath), this._name = this._name || "program", userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        let userArgs = this._prepareUserArgs(argv, parseOptions);
        return this._parseCommand([], userArgs), this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        let userArgs = this._prepareUserArgs(argv, parseOptions);
        return await this._parseCommand([], userArgs), this;
      }
      _prepareForParse() {
        this._savedState === null ? this.saveStateBeforeParse() : this.restoreStateBeforeParse();
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name, this._scriptPath = null, this.rawArgs = [], this._optionValues = { ...this._savedState._optionValues }, this._optionValueSources = { ...this._savedState._optionValueSources }, this.args = [], this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs6.existsSync(executableFile)) return;
        let executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory", executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = !1, sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          let localBin = path7.resolve(baseDir, baseName);
          if (fs6.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path7.extname(baseName))) return;
          let foundExt = sourceExt.find(
            (ext) => fs6.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
        }
        this._checkForMissingMandatoryOptions(), this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`, executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs6.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path7.resolve(
            path7.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            let legacyName = path7.basename(
              this._scriptPath,
              path7.extname(this._scriptPath)
            );
            legacyName !== this._name && (localFile = findFile(
              executableDir,
              `${legacyName}-${subcommand._name}`
            ));
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path7.extname(executableFile));
        let proc;
        process2.platform !== "win32" ? launchWithNode ? (args.unshift(executableFile), args = incrementNodeInspectorPort(process2.execArgv).concat(args), proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" })) : proc = childProcess.spawn(executableFile, args, { stdio: "inherit" }) : (this._checkForMissingExecutable(
          executableFile,
          executableDir,
          subcommand._name
        ), args.unshift(executableFile), args = incrementNodeInspectorPort(process2.execArgv).concat(args), proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" })), proc.killed || ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"].forEach((signal) => {
          process2.on(signal, () => {
            proc.killed === !1 && proc.exitCode === null && proc.kill(signal);
          });
        });
        let exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1, exitCallback ? exitCallback(
            new CommanderError2(
              code,
              "commander.executeSubCommandAsync",
              "(close)"
            )
          ) : process2.exit(code);
        }), proc.on("error", (err) => {
          if (err.code === "ENOENT")
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          else if (err.code === "EACCES")
            throw new Error(`'${executableFile}' not executable`);
          if (!exitCallback)
            process2.exit(1);
          else {
            let wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err, exitCallback(wrappedError);
          }
        }), this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        let subCommand = this._findCommand(commandName);
        subCommand || this.help({ error: !0 }), subCommand._prepareForParse();
        let promiseChain;
        return promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        ), promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler)
            this._executeSubCommand(subCommand, operands.concat(unknown));
          else
            return subCommand._parseCommand(operands, unknown);
        }), promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        subcommandName || this.help();
        let subCommand = this._findCommand(subcommandName);
        return subCommand && !subCommand._executableHandler && subCommand.help(), this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          arg.required && this.args[i] == null && this.missingArgument(arg.name());
        }), !(this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) && this.args.length > this.registeredArguments.length && this._excessArguments(this.args);
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        let myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            let invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        let processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          declaredArg.variadic ? index < this.args.length ? (value = this.args.slice(index), declaredArg.parseArg && (value = value.reduce((processed, v) => myParseArg(declaredArg, v, processed), declaredArg.defaultValue))) : value === void 0 && (value = []) : index < this.args.length && (value = this.args[index], declaredArg.parseArg && (value = myParseArg(declaredArg, value, declaredArg.defaultValue))), processedArgs[index] = value;
        }), this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        return promise && promise.then && typeof promise.then == "function" ? promise.then(() => fn()) : fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise, hooks = [];
        return this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        }), event === "postAction" && hooks.reverse(), hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => hookDetail.callback(hookDetail.hookedCommand, this));
        }), result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        return this._lifeCycleHooks[event] !== void 0 && this._lifeCycleHooks[event].forEach((hook) => {
          result = this._chainOrCall(result, () => hook(this, subCommand));
        }), result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        let parsed = this.parseOptions(unknown);
        if (this._parseOptionsEnv(), this._parseOptionsImplied(), operands = operands.concat(parsed.operands), unknown = parsed.unknown, this.args = operands.concat(unknown), operands && this._findCommand(operands[0]))
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name())
          return this._dispatchHelpCommand(operands[1]);
        if (this._defaultCommandName)
          return this._outputHelpIfRequested(unknown), this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName && this.help({ error: !0 }), this._outputHelpIfRequested(parsed.unknown), this._checkForMissingMandatoryOptions(), this._checkForConflictingOptions();
        let checkForUnknownOptions = () => {
          parsed.unknown.length > 0 && this.unknownOption(parsed.unknown[0]);
        }, commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions(), this._processArguments();
          let promiseChain;
          return promiseChain = this._chainOrCallHooks(promiseChain, "preAction"), promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          ), this.parent && (promiseChain = this._chainOrCall(promiseChain, () => {
            this.parent.emit(commandEvent, operands, unknown);
          })), promiseChain = this._chainOrCallHooks(promiseChain, "postAction"), promiseChain;
        }
        if (this.parent && this.parent.listenerCount(commandEvent))
          checkForUnknownOptions(), this._processArguments(), this.parent.emit(commandEvent, operands, unknown);
        else if (operands.length) {
          if (this._findCommand("*"))
            return this._dispatchSubcommand("*", operands, unknown);
          this.listenerCount("command:*") ? this.emit("command:*", operands, unknown) : this.commands.length ? this.unknownCommand() : (checkForUnknownOptions(), this._processArguments());
        } else this.commands.length ? (checkForUnknownOptions(), this.help({ error: !0 })) : (checkForUnknownOptions(), this._processArguments());
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (name)
          return this.commands.find(
            (cmd) => cmd._name === name || cmd._aliases.includes(name)
          );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0 && cmd.missingMandatoryOptionValue(anOption);
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        let definedNonDefaultOptions = this.options.filter((option) => {
          let optionKey = option.attributeName();
          return this.getOptionValue(optionKey) === void 0 ? !1 : this.getOptionValueSource(optionKey) !== "default";
        });
        definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        ).forEach((option) => {
          let conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          conflictingAndDefined && this._conflictingOption(option, conflictingAndDefined);
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} argv
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(argv) {
        let operands = [], unknown = [], dest = operands, args = argv.slice();
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        let activeVariadicOption = null;
        for (; args.length; ) {
          let arg = args.shift();
          if (arg === "--") {
            dest === unknown && dest.push(arg), dest.push(...args);
            break;
          }
          if (activeVariadicOption && !maybeOption(arg)) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          if (activeVariadicOption = null, maybeOption(arg)) {
            let option = this._findOption(arg);
            if (option) {
              if (option.required) {
                let value = args.shift();
                value === void 0 && this.optionMissingArgument(option), this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                args.length > 0 && !maybeOption(args[0]) && (value = args.shift()), this.emit(`option:${option.name()}`, value);
              } else
                this.emit(`option:${option.name()}`);
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            let option = this._findOption(`-${arg[1]}`);
            if (option) {
              option.required || option.optional && this._combineFlagAndOptionalValue ? this.emit(`option:${option.name()}`, arg.slice(2)) : (this.emit(`option:${option.name()}`), args.unshift(`-${arg.slice(2)}`));
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            let index = arg.indexOf("="), option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (maybeOption(arg) && (dest = unknown), (this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg), args.length > 0 && unknown.push(...args);
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg), args.length > 0 && operands.push(...args);
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg), args.length > 0 && unknown.push(...args);
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg), args.length > 0 && dest.push(...args);
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          let result = {}, len = this.options.length;
          for (let i = 0; i < len; i++) {
            let key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message2, errorOptions) {
        this._outputConfiguration.outputError(
          `${message2}
`,
          this._outputConfiguration.writeErr
        ), typeof this._showHelpAfterError == "string" ? this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`) : this._showHelpAfterError && (this._outputConfiguration.writeErr(`
`), this.outputHelp({ error: !0 }));
        let config = errorOptions || {}, exitCode = config.exitCode || 1, code = config.code || "commander.error";
        this._exit(exitCode, code, message2);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            let optionKey = option.attributeName();
            (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) && (option.required || option.optional ? this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]) : this.emit(`optionEnv:${option.name()}`));
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        let dualHelper = new DualOptions(this.options), hasCustomOptionValue = (optionKey) => this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        let message2 = `error: missing required argument '${name}'`;
        this.error(message2, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        let message2 = `error: option '${option.flags}' argument missing`;
        this.error(message2, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        let message2 = `error: required option '${option.flags}' not specified`;
        this.error(message2, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        let findBestOptionFromValue = (option2) => {
          let optionKey = option2.attributeName(), optionValue = this.getOptionValue(optionKey), negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          ), positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          return negativeOption && (negativeOption.presetArg === void 0 && optionValue === !1 || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg) ? negativeOption : positiveOption || option2;
        }, getErrorMessage = (option2) => {
          let bestOption = findBestOptionFromValue(option2), optionKey = bestOption.attributeName();
          return this.getOptionValueSource(optionKey) === "env" ? `environment variable '${bestOption.envVar}'` : `option '${bestOption.flags}'`;
        }, message2 = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message2, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag2) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag2.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [], command = this;
          do {
            let moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags), command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag2, candidateFlags);
        }
        let message2 = `error: unknown option '${flag2}'${suggestion}`;
        this.error(message2, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        let expected = this.registeredArguments.length, s = expected === 1 ? "" : "s", message2 = `error: too many arguments${this.parent ? ` for '${this.name()}'` : ""}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message2, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        let unknownName = this.args[0], suggestion = "";
        if (this._showSuggestionAfterError) {
          let candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command) => {
            candidateNames.push(command.name()), command.alias() && candidateNames.push(command.alias());
          }), suggestion = suggestSimilar(unknownName, candidateNames);
        }
        let message2 = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message2, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str, flags = flags || "-V, --version", description = description || "output the version number";
        let versionOption = this.createOption(flags, description);
        return this._versionOptionName = versionOption.attributeName(), this._registerOption(versionOption), this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`), this._exit(0, "commander.version", str);
        }), this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        return str === void 0 && argsDescription === void 0 ? this._description : (this._description = str, argsDescription && (this._argsDescription = argsDescription), this);
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        return str === void 0 ? this._summary : (this._summary = str, this);
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler && (command = this.commands[this.commands.length - 1]), alias === command._name)
          throw new Error("Command alias can't be the same as its name");
        let matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          let existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        return command._aliases.push(alias), this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        return aliases === void 0 ? this._aliases : (aliases.forEach((alias) => this.alias(alias)), this);
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          let args = this.registeredArguments.map((arg) => humanReadableArgName(arg));
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        return this._usage = str, this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        return str === void 0 ? this._name : (this._name = str, this);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        return this._name = path7.basename(filename, path7.extname(filename)), this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path8) {
        return path8 === void 0 ? this._executableDir : (this._executableDir = path8, this);
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        let helper = this.createHelp(), context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        let text2 = helper.formatHelp(this, helper);
        return context.hasColors ? text2 : this._outputConfiguration.stripColor(text2);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        let error = !!contextOptions.error, baseWrite, hasColors, helpWidth;
        return error ? (baseWrite = (str) => this._outputConfiguration.writeErr(str), hasColors = this._outputConfiguration.getErrHasColors(), helpWidth = this._outputConfiguration.getErrHelpWidth()) : (baseWrite = (str) => this._outputConfiguration.writeOut(str), hasColors = this._outputConfiguration.getOutHasColors(), helpWidth = this._outputConfiguration.getOutHelpWidth()), { error, write: (str) => (hasColors || (str = this._outputConfiguration.stripColor(str)), baseWrite(str)), hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        typeof contextOptions == "function" && (deprecatedCallback = contextOptions, contextOptions = void 0);
        let outputContext = this._getOutputContext(contextOptions), eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext)), this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback && (helpInformation = deprecatedCallback(helpInformation), typeof helpInformation != "string" && !Buffer.isBuffer(helpInformation)))
          throw new Error("outputHelp callback must return a string or a Buffer");
        outputContext.write(helpInformation), this._getHelpOption()?.long && this.emit(this._getHelpOption().long), this.emit("afterHelp", eventContext), this._getCommandAndAncestors().forEach(
          (command) => command.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        return typeof flags == "boolean" ? (flags ? this._helpOption = this._helpOption ?? void 0 : this._helpOption = null, this) : (flags = flags ?? "-h, --help", description = description ?? "display help for command", this._helpOption = this.createOption(flags, description), this);
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        return this._helpOption === void 0 && this.helpOption(void 0, void 0), this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        return this._helpOption = option, this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        exitCode === 0 && contextOptions && typeof contextOptions != "function" && contextOptions.error && (exitCode = 1), this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text2) {
        let allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position))
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        let helpEvent = `${position}Help`;
        return this.on(helpEvent, (context) => {
          let helpStr;
          typeof text2 == "function" ? helpStr = text2({ error: context.error, command: context.command }) : helpStr = text2, helpStr && context.write(`${helpStr}
`);
        }), this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        let helpOption = this._getHelpOption();
        helpOption && args.find((arg) => helpOption.is(arg)) && (this.outputHelp(), this._exit(0, "commander.helpDisplayed", "(outputHelp)"));
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect"))
          return arg;
        let debugOption, debugHost = "127.0.0.1", debugPort = "9229", match2;
        return (match2 = arg.match(/^(--inspect(-brk)?)$/)) !== null ? debugOption = match2[1] : (match2 = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null ? (debugOption = match2[1], /^\d+$/.test(match2[3]) ? debugPort = match2[3] : debugHost = match2[3]) : (match2 = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null && (debugOption = match2[1], debugHost = match2[3], debugPort = match2[4]), debugOption && debugPort !== "0" ? `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}` : arg;
      });
    }
    function useColor() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return !1;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return !0;
    }
    exports2.Command = Command2;
    exports2.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports2) {
    var { Argument: Argument2 } = require_argument(), { Command: Command2 } = require_command(), { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error(), { Help: Help2 } = require_help(), { Option: Option2 } = require_option();
    exports2.program = new Command2();
    exports2.createCommand = (name) => new Command2(name);
    exports2.createOption = (flags, description) => new Option2(flags, description);
    exports2.createArgument = (name, description) => new Argument2(name, description);
    exports2.Command = Command2;
    exports2.Option = Option2;
    exports2.Argument = Argument2;
    exports2.Help = Help2;
    exports2.CommanderError = CommanderError2;
    exports2.InvalidArgumentError = InvalidArgumentError2;
    exports2.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// src/cli.ts
var import_node_os4 = __toESM(require("node:os"), 1);

// node_modules/commander/esm.mjs
var import_index = __toESM(require_commander(), 1), {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError,
  // deprecated old name
  Command,
  Argument,
  Option,
  Help
} = import_index.default;

// node_modules/nanoid/index.js
var import_node_crypto = require("node:crypto");

// node_modules/nanoid/url-alphabet/index.js
var urlAlphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

// node_modules/nanoid/index.js
var POOL_SIZE_MULTIPLIER = 128, pool, poolOffset;
function fillPool(bytes) {
  if (bytes < 0) throw new RangeError("Wrong ID size");
  try {
    !pool || pool.length < bytes ? (pool = Buffer.allocUnsafe(bytes * POOL_SIZE_MULTIPLIER), import_node_crypto.webcrypto.getRandomValues(pool), poolOffset = 0) : poolOffset + bytes > pool.length && (import_node_crypto.webcrypto.getRandomValues(pool), poolOffset = 0);
  } catch (e) {
    throw pool = void 0, e;
  }
  poolOffset += bytes;
}
function nanoid(size = 21) {
  fillPool(size |= 0);
  let id = "";
  for (let i = poolOffset - size; i < poolOffset; i++)
    id += urlAlphabet[pool[i] & 63];
  return id;
}

// src/commands/toggle.ts
var import_node_fs3 = __toESM(require("node:fs"), 1), import_node_os = __toESM(require("node:os"), 1);

// src/core/errors.ts
var AuditError = class extends Error {
  constructor(message2, exitCode = 1) {
    super(message2);
    this.exitCode = exitCode;
    this.name = "AuditError";
  }
  exitCode;
};

// src/core/options.ts
var import_node_path = __toESM(require("node:path"), 1);

// node_modules/date-fns/constants.js
var maxTime = Math.pow(10, 8) * 24 * 60 * 60 * 1e3, minTime = -maxTime, millisecondsInWeek = 6048e5, millisecondsInDay = 864e5;
var secondsInHour = 3600;
var secondsInDay = secondsInHour * 24, secondsInWeek = secondsInDay * 7, secondsInYear = secondsInDay * 365.2425, secondsInMonth = secondsInYear / 12, secondsInQuarter = secondsInMonth * 3, constructFromSymbol = /* @__PURE__ */ Symbol.for("constructDateFrom");

// node_modules/date-fns/constructFrom.js
function constructFrom(date, value) {
  return typeof date == "function" ? date(value) : date && typeof date == "object" && constructFromSymbol in date ? date[constructFromSymbol](value) : date instanceof Date ? new date.constructor(value) : new Date(value);
}

// node_modules/date-fns/toDate.js
function toDate(argument, context) {
  return constructFrom(context || argument, argument);
}

// node_modules/date-fns/_lib/defaultOptions.js
var defaultOptions = {};
function getDefaultOptions() {
  return defaultOptions;
}

// node_modules/date-fns/startOfWeek.js
function startOfWeek(date, options) {
  let defaultOptions2 = getDefaultOptions(), weekStartsOn = options?.weekStartsOn ?? options?.locale?.options?.weekStartsOn ?? defaultOptions2.weekStartsOn ?? defaultOptions2.locale?.options?.weekStartsOn ?? 0, _date = toDate(date, options?.in), day = _date.getDay(), diff = (day < weekStartsOn ? 7 : 0) + day - weekStartsOn;
  return _date.setDate(_date.getDate() - diff), _date.setHours(0, 0, 0, 0), _date;
}

// node_modules/date-fns/startOfISOWeek.js
function startOfISOWeek(date, options) {
  return startOfWeek(date, { ...options, weekStartsOn: 1 });
}

// node_modules/date-fns/getISOWeekYear.js
function getISOWeekYear(date, options) {
  let _date = toDate(date, options?.in), year = _date.getFullYear(), fourthOfJanuaryOfNextYear = constructFrom(_date, 0);
  fourthOfJanuaryOfNextYear.setFullYear(year + 1, 0, 4), fourthOfJanuaryOfNextYear.setHours(0, 0, 0, 0);
  let startOfNextYear = startOfISOWeek(fourthOfJanuaryOfNextYear), fourthOfJanuaryOfThisYear = constructFrom(_date, 0);
  fourthOfJanuaryOfThisYear.setFullYear(year, 0, 4), fourthOfJanuaryOfThisYear.setHours(0, 0, 0, 0);
  let startOfThisYear = startOfISOWeek(fourthOfJanuaryOfThisYear);
  return _date.getTime() >= startOfNextYear.getTime() ? year + 1 : _date.getTime() >= startOfThisYear.getTime() ? year : year - 1;
}

// node_modules/date-fns/_lib/getTimezoneOffsetInMilliseconds.js
function getTimezoneOffsetInMilliseconds(date) {
  let _date = toDate(date), utcDate = new Date(
    Date.UTC(
      _date.getFullYear(),
      _date.getMonth(),
      _date.getDate(),
      _date.getHours(),
      _date.getMinutes(),
      _date.getSeconds(),
      _date.getMilliseconds()
    )
  );
  return utcDate.setUTCFullYear(_date.getFullYear()), +date - +utcDate;
}

// node_modules/date-fns/_lib/normalizeDates.js
function normalizeDates(context, ...dates) {
  let normalize = constructFrom.bind(
    null,
    context || dates.find((date) => typeof date == "object")
  );
  return dates.map(normalize);
}

// node_modules/date-fns/startOfDay.js
function startOfDay(date, options) {
  let _date = toDate(date, options?.in);
  return _date.setHours(0, 0, 0, 0), _date;
}

// node_modules/date-fns/differenceInCalendarDays.js
function differenceInCalendarDays(laterDate, earlierDate, options) {
  let [laterDate_, earlierDate_] = normalizeDates(
    options?.in,
    laterDate,
    earlierDate
  ), laterStartOfDay = startOfDay(laterDate_), earlierStartOfDay = startOfDay(earlierDate_), laterTimestamp = +laterStartOfDay - getTimezoneOffsetInMilliseconds(laterStartOfDay), earlierTimestamp = +earlierStartOfDay - getTimezoneOffsetInMilliseconds(earlierStartOfDay);
  return Math.round((laterTimestamp - earlierTimestamp) / millisecondsInDay);
}

// node_modules/date-fns/startOfISOWeekYear.js
function startOfISOWeekYear(date, options) {
  let year = getISOWeekYear(date, options), fourthOfJanuary = constructFrom(options?.in || date, 0);
  return fourthOfJanuary.setFullYear(year, 0, 4), fourthOfJanuary.setHours(0, 0, 0, 0), startOfISOWeek(fourthOfJanuary);
}

// node_modules/date-fns/isDate.js
function isDate(value) {
  return value instanceof Date || typeof value == "object" && Object.prototype.toString.call(value) === "[object Date]";
}

// node_modules/date-fns/isValid.js
function isValid(date) {
  return !(!isDate(date) && typeof date != "number" || isNaN(+toDate(date)));
}

// node_modules/date-fns/startOfYear.js
function startOfYear(date, options) {
  let date_ = toDate(date, options?.in);
  return date_.setFullYear(date_.getFullYear(), 0, 1), date_.setHours(0, 0, 0, 0), date_;
}

// node_modules/date-fns/locale/en-US/_lib/formatDistance.js
var formatDistanceLocale = {
  lessThanXSeconds: {
    one: "less than a second",
    other: "less than {{count}} seconds"
  },
  xSeconds: {
    one: "1 second",
    other: "{{count}} seconds"
  },
  halfAMinute: "half a minute",
  lessThanXMinutes: {
    one: "less than a minute",
    other: "less than {{count}} minutes"
  },
  xMinutes: {
    one: "1 minute",
    other: "{{count}} minutes"
  },
  aboutXHours: {
    one: "about 1 hour",
    other: "about {{count}} hours"
  },
  xHours: {
    one: "1 hour",
    other: "{{count}} hours"
  },
  xDays: {
    one: "1 day",
    other: "{{count}} days"
  },
  aboutXWeeks: {
    one: "about 1 week",
    other: "about {{count}} weeks"
  },
  xWeeks: {
    one: "1 week",
    other: "{{count}} weeks"
  },
  aboutXMonths: {
    one: "about 1 month",
    other: "about {{count}} months"
  },
  xMonths: {
    one: "1 month",
    other: "{{count}} months"
  },
  aboutXYears: {
    one: "about 1 year",
    other: "about {{count}} years"
  },
  xYears: {
    one: "1 year",
    other: "{{count}} years"
  },
  overXYears: {
    one: "over 1 year",
    other: "over {{count}} years"
  },
  almostXYears: {
    one: "almost 1 year",
    other: "almost {{count}} years"
  }
}, formatDistance = (token, count, options) => {
  let result, tokenValue = formatDistanceLocale[token];
  return typeof tokenValue == "string" ? result = tokenValue : count === 1 ? result = tokenValue.one : result = tokenValue.other.replace("{{count}}", count.toString()), options?.addSuffix ? options.comparison && options.comparison > 0 ? "in " + result : result + " ago" : result;
};

// node_modules/date-fns/locale/_lib/buildFormatLongFn.js
function buildFormatLongFn(args) {
  return (options = {}) => {
    let width = options.width ? String(options.width) : args.defaultWidth;
    return args.formats[width] || args.formats[args.defaultWidth];
  };
}

// node_modules/date-fns/locale/en-US/_lib/formatLong.js
var dateFormats = {
  full: "EEEE, MMMM do, y",
  long: "MMMM do, y",
  medium: "MMM d, y",
  short: "MM/dd/yyyy"
}, timeFormats = {
  full: "h:mm:ss a zzzz",
  long: "h:mm:ss a z",
  medium: "h:mm:ss a",
  short: "h:mm a"
}, dateTimeFormats = {
  full: "{{date}} 'at' {{time}}",
  long: "{{date}} 'at' {{time}}",
  medium: "{{date}}, {{time}}",
  short: "{{date}}, {{time}}"
}, formatLong = {
  date: buildFormatLongFn({
    formats: dateFormats,
    defaultWidth: "full"
  }),
  time: buildFormatLongFn({
    formats: timeFormats,
    defaultWidth: "full"
  }),
  dateTime: buildFormatLongFn({
    formats: dateTimeFormats,
    defaultWidth: "full"
  })
};

// node_modules/date-fns/locale/en-US/_lib/formatRelative.js
var formatRelativeLocale = {
  lastWeek: "'last' eeee 'at' p",
  yesterday: "'yesterday at' p",
  today: "'today at' p",
  tomorrow: "'tomorrow at' p",
  nextWeek: "eeee 'at' p",
  other: "P"
}, formatRelative = (token, _date, _baseDate, _options) => formatRelativeLocale[token];

// node_modules/date-fns/locale/_lib/buildLocalizeFn.js
function buildLocalizeFn(args) {
  return (value, options) => {
    let context = options?.context ? String(options.context) : "standalone", valuesArray;
    if (context === "formatting" && args.formattingValues) {
      let defaultWidth = args.defaultFormattingWidth || args.defaultWidth, width = options?.width ? String(options.width) : defaultWidth;
      valuesArray = args.formattingValues[width] || args.formattingValues[defaultWidth];
    } else {
      let defaultWidth = args.defaultWidth, width = options?.width ? String(options.width) : args.defaultWidth;
      valuesArray = args.values[width] || args.values[defaultWidth];
    }
    let index = args.argumentCallback ? args.argumentCallback(value) : value;
    return valuesArray[index];
  };
}

// node_modules/date-fns/locale/en-US/_lib/localize.js
var eraValues = {
  narrow: ["B", "A"],
  abbreviated: ["BC", "AD"],
  wide: ["Before Christ", "Anno Domini"]
}, quarterValues = {
  narrow: ["1", "2", "3", "4"],
  abbreviated: ["Q1", "Q2", "Q3", "Q4"],
  wide: ["1st quarter", "2nd quarter", "3rd quarter", "4th quarter"]
}, monthValues = {
  narrow: ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"],
  abbreviated: [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec"
  ],
  wide: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  ]
}, dayValues = {
  narrow: ["S", "M", "T", "W", "T", "F", "S"],
  short: ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"],
  abbreviated: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  wide: [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday"
  ]
}, dayPeriodValues = {
  narrow: {
    am: "a",
    pm: "p",
    midnight: "mi",
    noon: "n",
    morning: "morning",
    afternoon: "afternoon",
    evening: "evening",
    night: "night"
  },
  abbreviated: {
    am: "AM",
    pm: "PM",
    midnight: "midnight",
    noon: "noon",
    morning: "morning",
    afternoon: "afternoon",
    evening: "evening",
    night: "night"
  },
  wide: {
    am: "a.m.",
    pm: "p.m.",
    midnight: "midnight",
    noon: "noon",
    morning: "morning",
    afternoon: "afternoon",
    evening: "evening",
    night: "night"
  }
}, formattingDayPeriodValues = {
  narrow: {
    am: "a",
    pm: "p",
    midnight: "mi",
    noon: "n",
    morning: "in the morning",
    afternoon: "in the afternoon",
    evening: "in the evening",
    night: "at night"
  },
  abbreviated: {
    am: "AM",
    pm: "PM",
    midnight: "midnight",
    noon: "noon",
    morning: "in the morning",
    afternoon: "in the afternoon",
    evening: "in the evening",
    night: "at night"
  },
  wide: {
    am: "a.m.",
    pm: "p.m.",
    midnight: "midnight",
    noon: "noon",
    morning: "in the morning",
    afternoon: "in the afternoon",
    evening: "in the evening",
    night: "at night"
  }
}, ordinalNumber = (dirtyNumber, _options) => {
  let number2 = Number(dirtyNumber), rem100 = number2 % 100;
  if (rem100 > 20 || rem100 < 10)
    switch (rem100 % 10) {
      case 1:
        return number2 + "st";
      case 2:
        return number2 + "nd";
      case 3:
        return number2 + "rd";
    }
  return number2 + "th";
}, localize = {
  ordinalNumber,
  era: buildLocalizeFn({
    values: eraValues,
    defaultWidth: "wide"
  }),
  quarter: buildLocalizeFn({
    values: quarterValues,
    defaultWidth: "wide",
    argumentCallback: (quarter) => quarter - 1
  }),
  month: buildLocalizeFn({
    values: monthValues,
    defaultWidth: "wide"
  }),
  day: buildLocalizeFn({
    values: dayValues,
    defaultWidth: "wide"
  }),
  dayPeriod: buildLocalizeFn({
    values: dayPeriodValues,
    defaultWidth: "wide",
    formattingValues: formattingDayPeriodValues,
    defaultFormattingWidth: "wide"
  })
};

// node_modules/date-fns/locale/_lib/buildMatchFn.js
function buildMatchFn(args) {
  return (string, options = {}) => {
    let width = options.width, matchPattern = width && args.matchPatterns[width] || args.matchPatterns[args.defaultMatchWidth], matchResult = string.match(matchPattern);
    if (!matchResult)
      return null;
    let matchedString = matchResult[0], parsePatterns = width && args.parsePatterns[width] || args.parsePatterns[args.defaultParseWidth], key = Array.isArray(parsePatterns) ? findIndex(parsePatterns, (pattern) => pattern.test(matchedString)) : (
      // [TODO] -- I challenge you to fix the type
      findKey(parsePatterns, (pattern) => pattern.test(matchedString))
    ), value;
    value = args.valueCallback ? args.valueCallback(key) : key, value = options.valueCallback ? (
      // [TODO] -- I challenge you to fix the type
      options.valueCallback(value)
    ) : value;
    let rest = string.slice(matchedString.length);
    return { value, rest };
  };
}
function findKey(object, predicate) {
  for (let key in object)
    if (Object.prototype.hasOwnProperty.call(object, key) && predicate(object[key]))
      return key;
}
function findIndex(array, predicate) {
  for (let key = 0; key < array.length; key++)
    if (predicate(array[key]))
      return key;
}

// node_modules/date-fns/locale/_lib/buildMatchPatternFn.js
function buildMatchPatternFn(args) {
  return (string, options = {}) => {
    let matchResult = string.match(args.matchPattern);
    if (!matchResult) return null;
    let matchedString = matchResult[0], parseResult = string.match(args.parsePattern);
    if (!parseResult) return null;
    let value = args.valueCallback ? args.valueCallback(parseResult[0]) : parseResult[0];
    value = options.valueCallback ? options.valueCallback(value) : value;
    let rest = string.slice(matchedString.length);
    return { value, rest };
  };
}

// node_modules/date-fns/locale/en-US/_lib/match.js
var matchOrdinalNumberPattern = /^(\d+)(th|st|nd|rd)?/i, parseOrdinalNumberPattern = /\d+/i, matchEraPatterns = {
  narrow: /^(b|a)/i,
  abbreviated: /^(b\.?\s?c\.?|b\.?\s?c\.?\s?e\.?|a\.?\s?d\.?|c\.?\s?e\.?)/i,
  wide: /^(before christ|before common era|anno domini|common era)/i
}, parseEraPatterns = {
  any: [/^b/i, /^(a|c)/i]
}, matchQuarterPatterns = {
  narrow: /^[1234]/i,
  abbreviated: /^q[1234]/i,
  wide: /^[1234](th|st|nd|rd)? quarter/i
}, parseQuarterPatterns = {
  any: [/1/i, /2/i, /3/i, /4/i]
}, matchMonthPatterns = {
  narrow: /^[jfmasond]/i,
  abbreviated: /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
  wide: /^(january|february|march|april|may|june|july|august|september|october|november|december)/i
}, parseMonthPatterns = {
  narrow: [
    /^j/i,
    /^f/i,
    /^m/i,
    /^a/i,
    /^m/i,
    /^j/i,
    /^j/i,
    /^a/i,
    /^s/i,
    /^o/i,
    /^n/i,
    /^d/i
  ],
  any: [
    /^ja/i,
    /^f/i,
    /^mar/i,
    /^ap/i,
    /^may/i,
    /^jun/i,
    /^jul/i,
    /^au/i,
    /^s/i,
    /^o/i,
    /^n/i,
    /^d/i
  ]
}, matchDayPatterns = {
  narrow: /^[smtwf]/i,
  short: /^(su|mo|tu|we|th|fr|sa)/i,
  abbreviated: /^(sun|mon|tue|wed|thu|fri|sat)/i,
  wide: /^(sunday|monday|tuesday|wednesday|thursday|friday|saturday)/i
}, parseDayPatterns = {
  narrow: [/^s/i, /^m/i, /^t/i, /^w/i, /^t/i, /^f/i, /^s/i],
  any: [/^su/i, /^m/i, /^tu/i, /^w/i, /^th/i, /^f/i, /^sa/i]
}, matchDayPeriodPatterns = {
  narrow: /^(a|p|mi|n|(in the|at) (morning|afternoon|evening|night))/i,
  any: /^([ap]\.?\s?m\.?|midnight|noon|(in the|at) (morning|afternoon|evening|night))/i
}, parseDayPeriodPatterns = {
  any: {
    am: /^a/i,
    pm: /^p/i,
    midnight: /^mi/i,
    noon: /^no/i,
    morning: /morning/i,
    afternoon: /afternoon/i,
    evening: /evening/i,
    night: /night/i
  }
}, match = {
  ordinalNumber: buildMatchPatternFn({
    matchPattern: matchOrdinalNumberPattern,
    parsePattern: parseOrdinalNumberPattern,
    valueCallback: (value) => parseInt(value, 10)
  }),
  era: buildMatchFn({
    matchPatterns: matchEraPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseEraPatterns,
    defaultParseWidth: "any"
  }),
  quarter: buildMatchFn({
    matchPatterns: matchQuarterPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseQuarterPatterns,
    defaultParseWidth: "any",
    valueCallback: (index) => index + 1
  }),
  month: buildMatchFn({
    matchPatterns: matchMonthPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseMonthPatterns,
    defaultParseWidth: "any"
  }),
  day: buildMatchFn({
    matchPatterns: matchDayPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseDayPatterns,
    defaultParseWidth: "any"
  }),
  dayPeriod: buildMatchFn({
    matchPatterns: matchDayPeriodPatterns,
    defaultMatchWidth: "any",
    parsePatterns: parseDayPeriodPatterns,
    defaultParseWidth: "any"
  })
};

// node_modules/date-fns/locale/en-US.js
var enUS = {
  code: "en-US",
  formatDistance,
  formatLong,
  formatRelative,
  localize,
  match,
  options: {
    weekStartsOn: 0,
    firstWeekContainsDate: 1
  }
};

// node_modules/date-fns/getDayOfYear.js
function getDayOfYear(date, options) {
  let _date = toDate(date, options?.in);
  return differenceInCalendarDays(_date, startOfYear(_date)) + 1;
}

// node_modules/date-fns/getISOWeek.js
function getISOWeek(date, options) {
  let _date = toDate(date, options?.in), diff = +startOfISOWeek(_date) - +startOfISOWeekYear(_date);
  return Math.round(diff / millisecondsInWeek) + 1;
}

// node_modules/date-fns/getWeekYear.js
function getWeekYear(date, options) {
  let _date = toDate(date, options?.in), year = _date.getFullYear(), defaultOptions2 = getDefaultOptions(), firstWeekContainsDate = options?.firstWeekContainsDate ?? options?.locale?.options?.firstWeekContainsDate ?? defaultOptions2.firstWeekContainsDate ?? defaultOptions2.locale?.options?.firstWeekContainsDate ?? 1, firstWeekOfNextYear = constructFrom(options?.in || date, 0);
  firstWeekOfNextYear.setFullYear(year + 1, 0, firstWeekContainsDate), firstWeekOfNextYear.setHours(0, 0, 0, 0);
  let startOfNextYear = startOfWeek(firstWeekOfNextYear, options), firstWeekOfThisYear = constructFrom(options?.in || date, 0);
  firstWeekOfThisYear.setFullYear(year, 0, firstWeekContainsDate), firstWeekOfThisYear.setHours(0, 0, 0, 0);
  let startOfThisYear = startOfWeek(firstWeekOfThisYear, options);
  return +_date >= +startOfNextYear ? year + 1 : +_date >= +startOfThisYear ? year : year - 1;
}

// node_modules/date-fns/startOfWeekYear.js
function startOfWeekYear(date, options) {
  let defaultOptions2 = getDefaultOptions(), firstWeekContainsDate = options?.firstWeekContainsDate ?? options?.locale?.options?.firstWeekContainsDate ?? defaultOptions2.firstWeekContainsDate ?? defaultOptions2.locale?.options?.firstWeekContainsDate ?? 1, year = getWeekYear(date, options), firstWeek = constructFrom(options?.in || date, 0);
  return firstWeek.setFullYear(year, 0, firstWeekContainsDate), firstWeek.setHours(0, 0, 0, 0), startOfWeek(firstWeek, options);
}

// node_modules/date-fns/getWeek.js
function getWeek(date, options) {
  let _date = toDate(date, options?.in), diff = +startOfWeek(_date, options) - +startOfWeekYear(_date, options);
  return Math.round(diff / millisecondsInWeek) + 1;
}

// node_modules/date-fns/_lib/addLeadingZeros.js
function addLeadingZeros(number2, targetLength) {
  let sign = number2 < 0 ? "-" : "", output = Math.abs(number2).toString().padStart(targetLength, "0");
  return sign + output;
}

// node_modules/date-fns/_lib/format/lightFormatters.js
var lightFormatters = {
  // Year
  y(date, token) {
    let signedYear = date.getFullYear(), year = signedYear > 0 ? signedYear : 1 - signedYear;
    return addLeadingZeros(token === "yy" ? year % 100 : year, token.length);
  },
  // Month
  M(date, token) {
    let month = date.getMonth();
    return token === "M" ? String(month + 1) : addLeadingZeros(month + 1, 2);
  },
  // Day of the month
  d(date, token) {
    return addLeadingZeros(date.getDate(), token.length);
  },
  // AM or PM
  a(date, token) {
    let dayPeriodEnumValue = date.getHours() / 12 >= 1 ? "pm" : "am";
    switch (token) {
      case "a":
      case "aa":
        return dayPeriodEnumValue.toUpperCase();
      case "aaa":
        return dayPeriodEnumValue;
      case "aaaaa":
        return dayPeriodEnumValue[0];
      default:
        return dayPeriodEnumValue === "am" ? "a.m." : "p.m.";
    }
  },
  // Hour [1-12]
  h(date, token) {
    return addLeadingZeros(date.getHours() % 12 || 12, token.length);
  },
  // Hour [0-23]
  H(date, token) {
    return addLeadingZeros(date.getHours(), token.length);
  },
  // Minute
  m(date, token) {
    return addLeadingZeros(date.getMinutes(), token.length);
  },
  // Second
  s(date, token) {
    return addLeadingZeros(date.getSeconds(), token.length);
  },
  // Fraction of second
  S(date, token) {
    let numberOfDigits = token.length, milliseconds = date.getMilliseconds(), fractionalSeconds = Math.trunc(
      milliseconds * Math.pow(10, numberOfDigits - 3)
    );
    return addLeadingZeros(fractionalSeconds, token.length);
  }
};

// node_modules/date-fns/_lib/format/formatters.js
var dayPeriodEnum = {
  am: "am",
  pm: "pm",
  midnight: "midnight",
  noon: "noon",
  morning: "morning",
  afternoon: "afternoon",
  evening: "evening",
  night: "night"
}, formatters = {
  // Era
  G: function(date, token, localize2) {
    let era = date.getFullYear() > 0 ? 1 : 0;
    switch (token) {
      // AD, BC
      case "G":
      case "GG":
      case "GGG":
        return localize2.era(era, { width: "abbreviated" });
      // A, B
      case "GGGGG":
        return localize2.era(era, { width: "narrow" });
      default:
        return localize2.era(era, { width: "wide" });
    }
  },
  // Year
  y: function(date, token, localize2) {
    if (token === "yo") {
      let signedYear = date.getFullYear(), year = signedYear > 0 ? signedYear : 1 - signedYear;
      return localize2.ordinalNumber(year, { unit: "year" });
    }
    return lightFormatters.y(date, token);
  },
  // Local week-numbering year
  Y: function(date, token, localize2, options) {
    let signedWeekYear = getWeekYear(date, options), weekYear = signedWeekYear > 0 ? signedWeekYear : 1 - signedWeekYear;
    if (token === "YY") {
      let twoDigitYear = weekYear % 100;
      return addLeadingZeros(twoDigitYear, 2);
    }
    return token === "Yo" ? localize2.ordinalNumber(weekYear, { unit: "year" }) : addLeadingZeros(weekYear, token.length);
  },
  // ISO week-numbering year
  R: function(date, token) {
    let isoWeekYear = getISOWeekYear(date);
    return addLeadingZeros(isoWeekYear, token.length);
  },
  // Extended year. This is a single number designating the year of this calendar system.
  // The main difference between `y` and `u` localizers are B.C. years:
  // | Year | `y` | `u` |
  // |------|-----|-----|
  // | AC 1 |   1 |   1 |
  // | BC 1 |   1 |   0 |
  // | BC 2 |   2 |  -1 |
  // Also `yy` always returns the last two digits of a year,
  // while `uu` pads single digit years to 2 characters and returns other years unchanged.
  u: function(date, token) {
    let year = date.getFullYear();
    return addLeadingZeros(year, token.length);
  },
  // Quarter
  Q: function(date, token, localize2) {
    let quarter = Math.ceil((date.getMonth() + 1) / 3);
    switch (token) {
      // 1, 2, 3, 4
      case "Q":
        return String(quarter);
      // 01, 02, 03, 04
      case "QQ":
        return addLeadingZeros(quarter, 2);
      // 1st, 2nd, 3rd, 4th
      case "Qo":
        return localize2.ordinalNumber(quarter, { unit: "quarter" });
      // Q1, Q2, Q3, Q4
      case "QQQ":
        return localize2.quarter(quarter, {
          width: "abbreviated",
          context: "formatting"
        });
      // 1, 2, 3, 4 (narrow quarter; could be not numerical)
      case "QQQQQ":
        return localize2.quarter(quarter, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.quarter(quarter, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Stand-alone quarter
  q: function(date, token, localize2) {
    let quarter = Math.ceil((date.getMonth() + 1) / 3);
    switch (token) {
      // 1, 2, 3, 4
      case "q":
        return String(quarter);
      // 01, 02, 03, 04
      case "qq":
        return addLeadingZeros(quarter, 2);
      // 1st, 2nd, 3rd, 4th
      case "qo":
        return localize2.ordinalNumber(quarter, { unit: "quarter" });
      // Q1, Q2, Q3, Q4
      case "qqq":
        return localize2.quarter(quarter, {
          width: "abbreviated",
          context: "standalone"
        });
      // 1, 2, 3, 4 (narrow quarter; could be not numerical)
      case "qqqqq":
        return localize2.quarter(quarter, {
          width: "narrow",
          context: "standalone"
        });
      default:
        return localize2.quarter(quarter, {
          width: "wide",
          context: "standalone"
        });
    }
  },
  // Month
  M: function(date, token, localize2) {
    let month = date.getMonth();
    switch (token) {
      case "M":
      case "MM":
        return lightFormatters.M(date, token);
      // 1st, 2nd, ..., 12th
      case "Mo":
        return localize2.ordinalNumber(month + 1, { unit: "month" });
      // Jan, Feb, ..., Dec
      case "MMM":
        return localize2.month(month, {
          width: "abbreviated",
          context: "formatting"
        });
      // J, F, ..., D
      case "MMMMM":
        return localize2.month(month, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.month(month, { width: "wide", context: "formatting" });
    }
  },
  // Stand-alone month
  L: function(date, token, localize2) {
    let month = date.getMonth();
    switch (token) {
      // 1, 2, ..., 12
      case "L":
        return String(month + 1);
      // 01, 02, ..., 12
      case "LL":
        return addLeadingZeros(month + 1, 2);
      // 1st, 2nd, ..., 12th
      case "Lo":
        return localize2.ordinalNumber(month + 1, { unit: "month" });
      // Jan, Feb, ..., Dec
      case "LLL":
        return localize2.month(month, {
          width: "abbreviated",
          context: "standalone"
        });
      // J, F, ..., D
      case "LLLLL":
        return localize2.month(month, {
          width: "narrow",
          context: "standalone"
        });
      default:
        return localize2.month(month, { width: "wide", context: "standalone" });
    }
  },
  // Local week of year
  w: function(date, token, localize2, options) {
    let week = getWeek(date, options);
    return token === "wo" ? localize2.ordinalNumber(week, { unit: "week" }) : addLeadingZeros(week, token.length);
  },
  // ISO week of year
  I: function(date, token, localize2) {
    let isoWeek = getISOWeek(date);
    return token === "Io" ? localize2.ordinalNumber(isoWeek, { unit: "week" }) : addLeadingZeros(isoWeek, token.length);
  },
  // Day of the month
  d: function(date, token, localize2) {
    return token === "do" ? localize2.ordinalNumber(date.getDate(), { unit: "date" }) : lightFormatters.d(date, token);
  },
  // Day of year
  D: function(date, token, localize2) {
    let dayOfYear = getDayOfYear(date);
    return token === "Do" ? localize2.ordinalNumber(dayOfYear, { unit: "dayOfYear" }) : addLeadingZeros(dayOfYear, token.length);
  },
  // Day of week
  E: function(date, token, localize2) {
    let dayOfWeek = date.getDay();
    switch (token) {
      // Tue
      case "E":
      case "EE":
      case "EEE":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "formatting"
        });
      // T
      case "EEEEE":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "EEEEEE":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "formatting"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Local day of week
  e: function(date, token, localize2, options) {
    let dayOfWeek = date.getDay(), localDayOfWeek = (dayOfWeek - options.weekStartsOn + 8) % 7 || 7;
    switch (token) {
      // Numerical value (Nth day of week with current locale or weekStartsOn)
      case "e":
        return String(localDayOfWeek);
      // Padded numerical value
      case "ee":
        return addLeadingZeros(localDayOfWeek, 2);
      // 1st, 2nd, ..., 7th
      case "eo":
        return localize2.ordinalNumber(localDayOfWeek, { unit: "day" });
      case "eee":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "formatting"
        });
      // T
      case "eeeee":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "eeeeee":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "formatting"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Stand-alone local day of week
  c: function(date, token, localize2, options) {
    let dayOfWeek = date.getDay(), localDayOfWeek = (dayOfWeek - options.weekStartsOn + 8) % 7 || 7;
    switch (token) {
      // Numerical value (same as in `e`)
      case "c":
        return String(localDayOfWeek);
      // Padded numerical value
      case "cc":
        return addLeadingZeros(localDayOfWeek, token.length);
      // 1st, 2nd, ..., 7th
      case "co":
        return localize2.ordinalNumber(localDayOfWeek, { unit: "day" });
      case "ccc":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "standalone"
        });
      // T
      case "ccccc":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "standalone"
        });
      // Tu
      case "cccccc":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "standalone"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "standalone"
        });
    }
  },
  // ISO day of week
  i: function(date, token, localize2) {
    let dayOfWeek = date.getDay(), isoDayOfWeek = dayOfWeek === 0 ? 7 : dayOfWeek;
    switch (token) {
      // 2
      case "i":
        return String(isoDayOfWeek);
      // 02
      case "ii":
        return addLeadingZeros(isoDayOfWeek, token.length);
      // 2nd
      case "io":
        return localize2.ordinalNumber(isoDayOfWeek, { unit: "day" });
      // Tue
      case "iii":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "formatting"
        });
      // T
      case "iiiii":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "iiiiii":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "formatting"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // AM or PM
  a: function(date, token, localize2) {
    let dayPeriodEnumValue = date.getHours() / 12 >= 1 ? "pm" : "am";
    switch (token) {
      case "a":
      case "aa":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        });
      case "aaa":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        }).toLowerCase();
      case "aaaaa":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // AM, PM, midnight, noon
  b: function(date, token, localize2) {
    let hours = date.getHours(), dayPeriodEnumValue;
    switch (hours === 12 ? dayPeriodEnumValue = dayPeriodEnum.noon : hours === 0 ? dayPeriodEnumValue = dayPeriodEnum.midnight : dayPeriodEnumValue = hours / 12 >= 1 ? "pm" : "am", token) {
      case "b":
      case "bb":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        });
      case "bbb":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        }).toLowerCase();
      case "bbbbb":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // in the morning, in the afternoon, in the evening, at night
  B: function(date, token, localize2) {
    let hours = date.getHours(), dayPeriodEnumValue;
    switch (hours >= 17 ? dayPeriodEnumValue = dayPeriodEnum.evening : hours >= 12 ? dayPeriodEnumValue = dayPeriodEnum.afternoon : hours >= 4 ? dayPeriodEnumValue = dayPeriodEnum.morning : dayPeriodEnumValue = dayPeriodEnum.night, token) {
      case "B":
      case "BB":
      case "BBB":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        });
      case "BBBBB":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Hour [1-12]
  h: function(date, token, localize2) {
    if (token === "ho") {
      let hours = date.getHours() % 12;
      return hours === 0 && (hours = 12), localize2.ordinalNumber(hours, { unit: "hour" });
    }
    return lightFormatters.h(date, token);
  },
  // Hour [0-23]
  H: function(date, token, localize2) {
    return token === "Ho" ? localize2.ordinalNumber(date.getHours(), { unit: "hour" }) : lightFormatters.H(date, token);
  },
  // Hour [0-11]
  K: function(date, token, localize2) {
    let hours = date.getHours() % 12;
    return token === "Ko" ? localize2.ordinalNumber(hours, { unit: "hour" }) : addLeadingZeros(hours, token.length);
  },
  // Hour [1-24]
  k: function(date, token, localize2) {
    let hours = date.getHours();
    return hours === 0 && (hours = 24), token === "ko" ? localize2.ordinalNumber(hours, { unit: "hour" }) : addLeadingZeros(hours, token.length);
  },
  // Minute
  m: function(date, token, localize2) {
    return token === "mo" ? localize2.ordinalNumber(date.getMinutes(), { unit: "minute" }) : lightFormatters.m(date, token);
  },
  // Second
  s: function(date, token, localize2) {
    return token === "so" ? localize2.ordinalNumber(date.getSeconds(), { unit: "second" }) : lightFormatters.s(date, token);
  },
  // Fraction of second
  S: function(date, token) {
    return lightFormatters.S(date, token);
  },
  // Timezone (ISO-8601. If offset is 0, output is always `'Z'`)
  X: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    if (timezoneOffset === 0)
      return "Z";
    switch (token) {
      // Hours and optional minutes
      case "X":
        return formatTimezoneWithOptionalMinutes(timezoneOffset);
      // Hours, minutes and optional seconds without `:` delimiter
      // Note: neither ISO-8601 nor JavaScript supports seconds in timezone offsets
      // so this token always has the same output as `XX`
      case "XXXX":
      case "XX":
        return formatTimezone(timezoneOffset);
      // Hours and minutes with `:` delimiter
      default:
        return formatTimezone(timezoneOffset, ":");
    }
  },
  // Timezone (ISO-8601. If offset is 0, output is `'+00:00'` or equivalent)
  x: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    switch (token) {
      // Hours and optional minutes
      case "x":
        return formatTimezoneWithOptionalMinutes(timezoneOffset);
      // Hours, minutes and optional seconds without `:` delimiter
      // Note: neither ISO-8601 nor JavaScript supports seconds in timezone offsets
      // so this token always has the same output as `xx`
      case "xxxx":
      case "xx":
        return formatTimezone(timezoneOffset);
      // Hours and minutes with `:` delimiter
      default:
        return formatTimezone(timezoneOffset, ":");
    }
  },
  // Timezone (GMT)
  O: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    switch (token) {
      // Short
      case "O":
      case "OO":
      case "OOO":
        return "GMT" + formatTimezoneShort(timezoneOffset, ":");
      default:
        return "GMT" + formatTimezone(timezoneOffset, ":");
    }
  },
  // Timezone (specific non-location)
  z: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    switch (token) {
      // Short
      case "z":
      case "zz":
      case "zzz":
        return "GMT" + formatTimezoneShort(timezoneOffset, ":");
      default:
        return "GMT" + formatTimezone(timezoneOffset, ":");
    }
  },
  // Seconds timestamp
  t: function(date, token, _localize) {
    let timestamp = Math.trunc(+date / 1e3);
    return addLeadingZeros(timestamp, token.length);
  },
  // Milliseconds timestamp
  T: function(date, token, _localize) {
    return addLeadingZeros(+date, token.length);
  }
};
function formatTimezoneShort(offset, delimiter = "") {
  let sign = offset > 0 ? "-" : "+", absOffset = Math.abs(offset), hours = Math.trunc(absOffset / 60), minutes = absOffset % 60;
  return minutes === 0 ? sign + String(hours) : sign + String(hours) + delimiter + addLeadingZeros(minutes, 2);
}
function formatTimezoneWithOptionalMinutes(offset, delimiter) {
  return offset % 60 === 0 ? (offset > 0 ? "-" : "+") + addLeadingZeros(Math.abs(offset) / 60, 2) : formatTimezone(offset, delimiter);
}
function formatTimezone(offset, delimiter = "") {
  let sign = offset > 0 ? "-" : "+", absOffset = Math.abs(offset), hours = addLeadingZeros(Math.trunc(absOffset / 60), 2), minutes = addLeadingZeros(absOffset % 60, 2);
  return sign + hours + delimiter + minutes;
}

// node_modules/date-fns/_lib/format/longFormatters.js
var dateLongFormatter = (pattern, formatLong2) => {
  switch (pattern) {
    case "P":
      return formatLong2.date({ width: "short" });
    case "PP":
      return formatLong2.date({ width: "medium" });
    case "PPP":
      return formatLong2.date({ width: "long" });
    default:
      return formatLong2.date({ width: "full" });
  }
}, timeLongFormatter = (pattern, formatLong2) => {
  switch (pattern) {
    case "p":
      return formatLong2.time({ width: "short" });
    case "pp":
      return formatLong2.time({ width: "medium" });
    case "ppp":
      return formatLong2.time({ width: "long" });
    default:
      return formatLong2.time({ width: "full" });
  }
}, dateTimeLongFormatter = (pattern, formatLong2) => {
  let matchResult = pattern.match(/(P+)(p+)?/) || [], datePattern = matchResult[1], timePattern = matchResult[2];
  if (!timePattern)
    return dateLongFormatter(pattern, formatLong2);
  let dateTimeFormat;
  switch (datePattern) {
    case "P":
      dateTimeFormat = formatLong2.dateTime({ width: "short" });
      break;
    case "PP":
      dateTimeFormat = formatLong2.dateTime({ width: "medium" });
      break;
    case "PPP":
      dateTimeFormat = formatLong2.dateTime({ width: "long" });
      break;
    default:
      dateTimeFormat = formatLong2.dateTime({ width: "full" });
      break;
  }
  return dateTimeFormat.replace("{{date}}", dateLongFormatter(datePattern, formatLong2)).replace("{{time}}", timeLongFormatter(timePattern, formatLong2));
}, longFormatters = {
  p: timeLongFormatter,
  P: dateTimeLongFormatter
};

// node_modules/date-fns/_lib/protectedTokens.js
var dayOfYearTokenRE = /^D+$/, weekYearTokenRE = /^Y+$/, throwTokens = ["D", "DD", "YY", "YYYY"];
function isProtectedDayOfYearToken(token) {
  return dayOfYearTokenRE.test(token);
}
function isProtectedWeekYearToken(token) {
  return weekYearTokenRE.test(token);
}
function warnOrThrowProtectedError(token, format2, input) {
  let _message = message(token, format2, input);
  if (console.warn(_message), throwTokens.includes(token)) throw new RangeError(_message);
}
function message(token, format2, input) {
  let subject = token[0] === "Y" ? "years" : "days of the month";
  return `Use \`${token.toLowerCase()}\` instead of \`${token}\` (in \`${format2}\`) for formatting ${subject} to the input \`${input}\`; see: https://github.com/date-fns/date-fns/blob/master/docs/unicodeTokens.md`;
}

// node_modules/date-fns/format.js
var formattingTokensRegExp = /[yYQqMLwIdDecihHKkms]o|(\w)\1*|''|'(''|[^'])+('|$)|./g, longFormattingTokensRegExp = /P+p+|P+|p+|''|'(''|[^'])+('|$)|./g, escapedStringRegExp = /^'([^]*?)'?$/, doubleQuoteRegExp = /''/g, unescapedLatinCharacterRegExp = /[a-zA-Z]/;
function format(date, formatStr, options) {
  let defaultOptions2 = getDefaultOptions(), locale = options?.locale ?? defaultOptions2.locale ?? enUS, firstWeekContainsDate = options?.firstWeekContainsDate ?? options?.locale?.options?.firstWeekContainsDate ?? defaultOptions2.firstWeekContainsDate ?? defaultOptions2.locale?.options?.firstWeekContainsDate ?? 1, weekStartsOn = options?.weekStartsOn ?? options?.locale?.options?.weekStartsOn ?? defaultOptions2.weekStartsOn ?? defaultOptions2.locale?.options?.weekStartsOn ?? 0, originalDate = toDate(date, options?.in);
  if (!isValid(originalDate))
    throw new RangeError("Invalid time value");
  let parts = formatStr.match(longFormattingTokensRegExp).map((substring) => {
    let firstCharacter = substring[0];
    if (firstCharacter === "p" || firstCharacter === "P") {
      let longFormatter = longFormatters[firstCharacter];
      return longFormatter(substring, locale.formatLong);
    }
    return substring;
  }).join("").match(formattingTokensRegExp).map((substring) => {
    if (substring === "''")
      return { isToken: !1, value: "'" };
    let firstCharacter = substring[0];
    if (firstCharacter === "'")
      return { isToken: !1, value: cleanEscapedString(substring) };
    if (formatters[firstCharacter])
      return { isToken: !0, value: substring };
    if (firstCharacter.match(unescapedLatinCharacterRegExp))
      throw new RangeError(
        "Format string contains an unescaped latin alphabet character `" + firstCharacter + "`"
      );
    return { isToken: !1, value: substring };
  });
  locale.localize.preprocessor && (parts = locale.localize.preprocessor(originalDate, parts));
  let formatterOptions = {
    firstWeekContainsDate,
    weekStartsOn,
    locale
  };
  return parts.map((part) => {
    if (!part.isToken) return part.value;
    let token = part.value;
    (!options?.useAdditionalWeekYearTokens && isProtectedWeekYearToken(token) || !options?.useAdditionalDayOfYearTokens && isProtectedDayOfYearToken(token)) && warnOrThrowProtectedError(token, formatStr, String(date));
    let formatter = formatters[token[0]];
    return formatter(originalDate, token, locale.localize, formatterOptions);
  }).join("");
}
function cleanEscapedString(input) {
  let matched = input.match(escapedStringRegExp);
  return matched ? matched[1].replace(doubleQuoteRegExp, "'") : input;
}

// src/format/text.ts
var DEFAULT_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSxxx", MARKS = { line: "|", piece: "+", screen: "=", event: "*" };
function makeClock(timeFormat) {
  let lastMs = Number.NaN, last = "";
  return (ms) => (ms !== lastMs && (lastMs = ms, last = format(ms, timeFormat)), last);
}
function timeFormatProblem(timeFormat) {
  if (timeFormat.length === 0) return "it is empty";
  try {
    format(0, timeFormat);
    return;
  } catch (error) {
    return error.message;
  }
}
function origin(user, place) {
  return `${user} ${place.session}:${place.window}.${place.pane}`;
}
function eventText(name, fields) {
  let text2 = name;
  for (let [key, value] of Object.entries(fields)) {
    if (value === void 0) continue;
    let plain = String(value);
    text2 += ` ${key}=${/^[^\s"=\\]+$/.test(plain) ? plain : JSON.stringify(plain)}`;
  }
  return text2;
}
var TextFormat = class {
  clock;
  place;
  user = "";
  /** ` <user> <session>:<window>.<pane> <mark> ` for each kind, for the last place and user seen. */
  middle = { line: "", piece: "", screen: "", event: "" };
  constructor(timeFormat) {
    this.clock = makeClock(timeFormat);
  }
  format(record) {
    if (record.place !== this.place || record.user !== this.user) {
      this.place = record.place, this.user = record.user;
      let from = origin(record.user, record.place);
      this.middle = { line: ` ${from} ${MARKS.line} `, piece: ` ${from} ${MARKS.piece} `, screen: ` ${from} ${MARKS.screen} `, event: ` ${from} ${MARKS.event} ` };
    }
    let text2 = record.kind === "event" ? eventText(record.text, { rec: record.rec, ...record.fields }) : record.text;
    return `${this.clock(record.time)}${this.middle[record.kind]}${text2}
`;
  }
};

// src/core/options.ts
var OPTIONS = {
  key: {
    name: "@audit-key",
    default: "A",
    meaning: "the key (after the prefix) that toggles logging of the current pane",
    readAt: "load"
  },
  dir: {
    name: "@audit-dir",
    default: "",
    computedDefault: "${XDG_STATE_HOME:-$HOME/.local/state}/tmux-audit",
    meaning: "where logs go; absolute, ~ allowed. Created mode 0700",
    readAt: "start"
  },
  timeFormat: {
    name: "@audit-time-format",
    default: DEFAULT_TIME_FORMAT,
    meaning: "the stamp's time, a date-fns format string; local time",
    readAt: "start"
  },
  maxSize: {
    name: "@audit-max-size",
    default: "10M",
    meaning: "rotate a session's log before it grows past this; K, M, G (powers of 1024)",
    readAt: "start"
  },
  maxFiles: {
    name: "@audit-max-files",
    default: "20",
    meaning: "rotated files kept per session; the oldest beyond this are deleted",
    readAt: "start"
  },
  statusOn: {
    name: "@audit-status-on",
    default: "#[fg=red,bold]\u25CF REC#[default]",
    meaning: "what #{audit_status} shows while the current pane is logged",
    readAt: "load"
  },
  statusOff: {
    name: "@audit-status-off",
    default: "",
    meaning: "what #{audit_status} shows otherwise",
    readAt: "load"
  },
  node: {
    name: "@audit-node",
    default: "node",
    meaning: "the Node.js to run, for when tmux's PATH lacks it (nvm and the like)",
    readAt: "load"
  }
}, START_OPTIONS = Object.keys(OPTIONS).filter((key) => OPTIONS[key].readAt === "start"), PANE_OPTIONS = {
  recording: "@audit_on",
  runFile: "@audit_run"
}, OPTION_NAMES = Object.fromEntries(START_OPTIONS.map((key) => [key, OPTIONS[key].name])), DEFAULT_MAX_SIZE = OPTIONS.maxSize.default, DEFAULT_MAX_FILES = Number(OPTIONS.maxFiles.default);
function defaultDir(env) {
  let state = env.XDG_STATE_HOME && import_node_path.default.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : import_node_path.default.join(env.HOME ?? "/", ".local", "state");
  return import_node_path.default.join(state, "tmux-audit");
}
var UNITS = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
function parseSize(text2) {
  let match2 = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/i.exec(text2);
  if (!match2) return;
  let bytes = Math.floor(Number(match2[1]) * UNITS[match2[2].toLowerCase()]);
  return bytes > 0 ? bytes : void 0;
}
function resolveOptions(raw, env) {
  let warnings = [], fallback = (key, why, value, shown) => (warnings.push(`${OPTION_NAMES[key]} '${raw[key]}' ${why}; using ${shown}`), value), dir = defaultDir(env);
  if (raw.dir !== "") {
    let expanded = raw.dir.replace(/^~(?=$|\/)/, env.HOME ?? "~");
    import_node_path.default.isAbsolute(expanded) ? dir = import_node_path.default.normalize(expanded) : dir = fallback("dir", "is not an absolute path", dir, dir);
  }
  let timeFormat = OPTIONS.timeFormat.default;
  if (raw.timeFormat !== "") {
    let problem = timeFormatProblem(raw.timeFormat);
    problem ? timeFormat = fallback("timeFormat", `is not a date-fns format (${problem})`, timeFormat, `'${timeFormat}'`) : timeFormat = raw.timeFormat;
  }
  let maxBytes = parseSize(DEFAULT_MAX_SIZE);
  if (raw.maxSize !== "") {
    let parsed = parseSize(raw.maxSize);
    parsed === void 0 ? maxBytes = fallback("maxSize", "is not a size like 10M, 512K or 1G", maxBytes, DEFAULT_MAX_SIZE) : maxBytes = parsed;
  }
  let maxFiles = DEFAULT_MAX_FILES;
  return raw.maxFiles !== "" && (/^\s*\d+\s*$/.test(raw.maxFiles) ? maxFiles = Number(raw.maxFiles) : maxFiles = fallback("maxFiles", "is not a whole number", maxFiles, String(maxFiles))), { options: { dir, timeFormat, maxBytes, maxFiles }, warnings };
}

// src/core/plan.ts
var import_node_path3 = __toESM(require("node:path"), 1);

// src/core/paths.ts
var import_node_path2 = __toESM(require("node:path"), 1);
function sessionStem(session) {
  let stem = "";
  for (let byte of Buffer.from(session, "utf8")) {
    let char = String.fromCharCode(byte), safe = /[A-Za-z0-9_-]/.test(char) || char === "." && stem.length > 0;
    stem += safe ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return stem.length > 0 ? stem : "%";
}
function sessionLogPath(dir, session, socketPath) {
  let socket = import_node_path2.default.basename(socketPath), server = socket === "default" || socket === "" ? "" : `@${sessionStem(socket)}`;
  return import_node_path2.default.join(dir, `${sessionStem(session)}${server}.log`);
}
function runFilePath(dir, serverPid, paneId) {
  return import_node_path2.default.join(dir, ".run", `${serverPid}-${paneId.replace(/^%/, "")}.json`);
}
function pidFilePath(runFile) {
  return runFile.replace(/\.json$/, ".pid");
}
function stopFilePath(runFile) {
  return runFile.replace(/\.json$/, ".stop");
}
function rotationLockPath(logFile) {
  return import_node_path2.default.join(import_node_path2.default.dirname(logFile), `.${import_node_path2.default.basename(logFile)}.lock`);
}

// src/tmux/quote.ts
function literal(text2) {
  return text2.replace(/%/g, "%%").replace(/#/g, "##");
}
function shellQuote(word) {
  return `'${word.replace(/'/g, "'\\''")}'`;
}

// src/core/plan.ts
var READER_NODE_FLAGS = "--max-semi-space-size=1";
function chooseAction(verb, state, recordingAlive) {
  if (verb === "toggle") return recordingAlive ? "stop" : "start";
  if (verb === "start" && recordingAlive) throw new AuditError(`${state.paneId} is already being logged (rec ${state.recording})`);
  if (verb === "stop" && state.recording === "") throw new AuditError(`${state.paneId} is not being logged`);
  return verb;
}
function asker(clientUser, username) {
  return clientUser || username;
}
function pipeCommand(node, bundle, runFile) {
  let quotedNode = shellQuote(node), quotedBundle = shellQuote(bundle), quotedRunFile = shellQuote(runFile), reader = `${quotedNode} ${READER_NODE_FLAGS} ${quotedBundle}`, helper = `${quotedNode} ${quotedBundle}`;
  return `${reader} pipe ${quotedRunFile} || exec ${helper} recover ${quotedRunFile} "$?" <&-`;
}
function planStart(facts) {
  let { state, options } = facts, file = sessionLogPath(options.dir, state.session, state.socket), runFile = runFilePath(options.dir, state.serverPid, state.paneId), messages = [`logging ${state.paneId} \u2192 ${file} (rec ${facts.id})`];
  return state.recording !== "" && messages.push(`previous recording ${state.recording} of ${state.paneId} had stopped unexpectedly`), messages.push(...facts.warnings), facts.dirExists || messages.push(`${OPTION_NAMES.dir}: created ${options.dir} (mode 0700)`), {
    file,
    runFile,
    seedAt: state.alternateScreen ? void 0 : { x: state.cursorX, y: state.cursorY },
    recording: {
      id: facts.id,
      file,
      user: facts.username,
      by: asker(facts.clientUser, facts.username),
      session: state.session,
      window: state.window,
      pane: state.pane,
      paneId: state.paneId,
      socket: state.socket,
      version: state.version,
      timeFormat: options.timeFormat,
      maxBytes: options.maxBytes,
      maxFiles: options.maxFiles,
      alternateScreen: state.alternateScreen
    },
    command: pipeCommand(facts.node, facts.bundle, runFile),
    messages,
    readerFailed: `the log reader for ${state.paneId} did not start (${facts.node} ${facts.bundle})`
  };
}
function cannotWrite(file, failure) {
  return new AuditError(`cannot write ${file}: ${failure.code === "ELOOP" ? "it is a symlink (refused)" : failure.message}`);
}
function planStop(state, recordingAlive, by) {
  return recordingAlive ? { requestStopBy: by, messages: [`stopped logging ${state.paneId} (rec ${state.recording})`] } : { messages: [`logging of ${state.paneId} had already stopped unexpectedly (rec ${state.recording})`] };
}
function describePane(state, live) {
  let where = `${state.paneId} (${state.session}:${state.window}.${state.pane})`;
  return state.recording === "" ? `${where} is not being logged` : live ? `${where} is being logged to ${live.recording.file} (rec ${live.recording.id}, started by ${live.recording.by}, reader pid ${live.pid})` : `${where}: logging stopped unexpectedly (rec ${state.recording}); toggle to start again`;
}
function filterRecording(filter, facts) {
  let { options, warnings } = resolveOptions({ dir: "", timeFormat: filter.timeFormat, maxSize: filter.maxSize, maxFiles: filter.maxFiles }, facts.env);
  return {
    recording: {
      id: facts.id,
      file: import_node_path3.default.resolve(facts.cwd, filter.file),
      user: facts.username,
      by: facts.username,
      session: filter.session,
      window: "0",
      pane: "0",
      paneId: "",
      socket: "",
      version: "",
      timeFormat: options.timeFormat,
      maxBytes: options.maxBytes,
      maxFiles: options.maxFiles,
      seed: ""
    },
    warnings
  };
}

// src/sinks/file/safe-fs.ts
var import_node_fs = __toESM(require("node:fs"), 1), import_node_path4 = __toESM(require("node:path"), 1), APPEND_FLAGS = import_node_fs.default.constants.O_WRONLY | import_node_fs.default.constants.O_APPEND | import_node_fs.default.constants.O_CREAT | import_node_fs.default.constants.O_NOFOLLOW;
function ensurePrivateDir(dir) {
  import_node_fs.default.mkdirSync(dir, { recursive: !0, mode: 448 });
  let stat = import_node_fs.default.lstatSync(dir);
  if (stat.isSymbolicLink() || !stat.isDirectory())
    throw Object.assign(new Error(`${dir} is not a directory (refusing to follow a symlink)`), { code: "ENOTDIR" });
  (stat.mode & 511) !== 448 && import_node_fs.default.chmodSync(dir, 448);
}
function openAppend(file) {
  ensurePrivateDir(import_node_path4.default.dirname(file));
  let fd = import_node_fs.default.openSync(file, APPEND_FLAGS, 384);
  return import_node_fs.default.fchmodSync(fd, 384), fd;
}
function appendLines(file, text2) {
  let fd = openAppend(file);
  try {
    import_node_fs.default.writeSync(fd, text2);
  } finally {
    import_node_fs.default.closeSync(fd);
  }
}
function endsWithNewline(file) {
  let fd = import_node_fs.default.openSync(file, import_node_fs.default.constants.O_RDONLY | import_node_fs.default.constants.O_NOFOLLOW | import_node_fs.default.constants.O_NONBLOCK);
  try {
    let size = import_node_fs.default.fstatSync(fd).size;
    if (size === 0) return !0;
    let last = Buffer.alloc(1);
    return import_node_fs.default.readSync(fd, last, 0, 1, size - 1), last[0] === 10;
  } finally {
    import_node_fs.default.closeSync(fd);
  }
}

// src/runtime/runfile.ts
var import_node_fs2 = __toESM(require("node:fs"), 1), import_node_path5 = __toESM(require("node:path"), 1);

// src/runtime/process.ts
function processAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return !1;
  try {
    return process.kill(pid, 0), !0;
  } catch (error) {
    return error.code === "EPERM";
  }
}

// src/runtime/runfile.ts
function writePrivate(file, text2) {
  ensurePrivateDir(import_node_path5.default.dirname(file));
  let temporary = `${file}.${process.pid}.tmp`;
  import_node_fs2.default.writeFileSync(temporary, text2, { mode: 384, flag: "w" }), import_node_fs2.default.renameSync(temporary, file);
}
function writeRecording(runFile, recording) {
  import_node_fs2.default.rmSync(pidFilePath(runFile), { force: !0 }), import_node_fs2.default.rmSync(stopFilePath(runFile), { force: !0 }), writePrivate(runFile, `${JSON.stringify(recording)}
`);
}
function readRecording(runFile) {
  return JSON.parse(import_node_fs2.default.readFileSync(runFile, "utf8"));
}
function writeReaderPid(runFile) {
  writePrivate(pidFilePath(runFile), `${process.pid}
`);
}
function livingReader(runFile) {
  let pid;
  try {
    pid = Number(import_node_fs2.default.readFileSync(pidFilePath(runFile), "utf8"));
  } catch {
    return;
  }
  if (processAlive(pid))
    try {
      return import_node_fs2.default.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(runFile) ? pid : void 0;
    } catch {
      return pid;
    }
}
function requestStop(runFile, by) {
  writePrivate(stopFilePath(runFile), `${JSON.stringify({ by })}
`);
}
function takeStopRequest(runFile) {
  try {
    let request = JSON.parse(import_node_fs2.default.readFileSync(stopFilePath(runFile), "utf8"));
    return import_node_fs2.default.rmSync(stopFilePath(runFile), { force: !0 }), request;
  } catch {
    return;
  }
}
function removeRunFiles(runFile, recordingId) {
  try {
    if (readRecording(runFile).id !== recordingId) return;
  } catch {
    return;
  }
  for (let file of [runFile, pidFilePath(runFile), stopFilePath(runFile)]) import_node_fs2.default.rmSync(file, { force: !0 });
}

// src/tmux/client.ts
var import_node_child_process = require("node:child_process");
var FIELD_SEPARATOR = "";
function hasDisplayDelay(version) {
  let match2 = /^(\d+)\.(\d+)/.exec(version);
  return !match2 || Number(match2[1]) > 3 || Number(match2[1]) === 3 && Number(match2[2]) >= 2;
}
var Tmux = class {
  /** `socket` is for processes outside tmux's environment (the pipe reader); commands run from tmux use $TMUX. */
  constructor(socket) {
    this.socket = socket;
  }
  socket;
  run(args) {
    let full = this.socket ? ["-S", this.socket, ...args] : args;
    try {
      return (0, import_node_child_process.execFileSync)("tmux", full, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      let failure = error;
      if (failure.code === "ENOENT") throw new AuditError("tmux is not on PATH");
      let detail = (failure.stderr ?? "").trim() || failure.message;
      throw new AuditError(`tmux ${args[0]} failed: ${detail}`);
    }
  }
  /** The text of the cursor's line left of the cursor, as the screen shows it now. */
  textBeforeCursor(paneId, cursorX, cursorY) {
    return [...this.run(["capture-pane", "-p", "-t", paneId, "-S", String(cursorY), "-E", String(cursorY)]).replace(/\n$/, "")].slice(0, cursorX).join("").padEnd(cursorX);
  }
  /**
   * Starts `command` as the pane's pipe (replacing any stale one: plain
   * pipe-pane closes an existing pipe first, cmd-pipe-pane.c:76) and marks the
   * pane, in one tmux call so the status line changes at once.
   */
  startPipe(paneId, command, recording, runFile) {
    this.run([
      "pipe-pane",
      "-t",
      paneId,
      literal(command),
      ";",
      "set-option",
      "-p",
      "-t",
      paneId,
      PANE_OPTIONS.recording,
      recording,
      ";",
      "set-option",
      "-p",
      "-t",
      paneId,
      PANE_OPTIONS.runFile,
      runFile
    ]);
  }
  /** Closes the pane's pipe and clears the marks; the status goes off at once (set-option redraws). */
  stopPipe(paneId) {
    this.run([
      "pipe-pane",
      "-t",
      paneId,
      ";",
      "set-option",
      "-pu",
      "-t",
      paneId,
      PANE_OPTIONS.recording,
      ";",
      "set-option",
      "-pu",
      "-t",
      paneId,
      PANE_OPTIONS.runFile
    ]);
  }
  /** Shows `text` in the message line of `client` (or the current one). */
  message(text2, options = {}) {
    let args = ["display-message"];
    options.client && args.push("-c", options.client), options.error && hasDisplayDelay(options.version ?? "") && args.push("-d", "8000"), args.push(literal(text2)), this.run(args);
  }
  /** The program in the foreground of a pane (tmux reads it from the pty, osdep-linux.c). */
  currentCommand(paneId) {
    return this.run(["display-message", "-p", "-t", paneId, "#{pane_current_command}"]).trim();
  }
  /**
   * The rows of a pane's screen, without trailing blank rows, and whether it is
   * the alternate screen; undefined if tmux cannot say. Asynchronous: the pipe
   * reader must keep draining its input meanwhile.
   */
  captureScreen(paneId, done) {
    let args = ["display-message", "-p", "-t", paneId, "#{alternate_on}", ";", "capture-pane", "-p", "-t", paneId];
    (0, import_node_child_process.execFile)("tmux", this.socket ? ["-S", this.socket, ...args] : args, { encoding: "utf8" }, (error, stdout) => {
      if (error) return done(void 0);
      let [flag2, ...rows] = stdout.replace(/\n$/, "").split(`
`);
      for (; rows.length > 0 && rows[rows.length - 1] === ""; ) rows.pop();
      done({ alternate: flag2 === "1", rows });
    });
  }
  /** A session's name and its panes that tmux-audit marks as logged. */
  loggedPanes(session) {
    let rows = this.run(["list-panes", "-s", "-t", session, "-F", ["#{session_name}", "#{pane_id}", `#{${PANE_OPTIONS.recording}}`, `#{${PANE_OPTIONS.runFile}}`].join(FIELD_SEPARATOR)]), name = "", panes = [];
    for (let row of rows.split(`
`)) {
      let [sessionName, paneId, recording, runFile] = row.split(FIELD_SEPARATOR);
      sessionName === void 0 || paneId === void 0 || (name = sessionName, recording && runFile && panes.push({ paneId, recording, runFile }));
    }
    return { name, panes };
  }
  /** What became of a pane: still running, exited but kept (remain-on-exit), gone, or no server at all. */
  paneFate(paneId) {
    let fate;
    try {
      fate = this.run(["display-message", "-p", "-t", paneId, "#{pane_id} #{pane_dead}"]).trim();
    } catch {
      return "no-server";
    }
    return fate.startsWith(`${paneId} `) ? fate.endsWith(" 1") ? "dead" : "alive" : "gone";
  }
  /** Clears the marks of a pane whose recording ended without a toggle (the reader's own failure). */
  clearMarks(paneId, recording) {
    this.run(["display-message", "-p", "-t", paneId, `#{${PANE_OPTIONS.recording}}`]).trim() === recording && this.run(["set-option", "-pu", "-t", paneId, PANE_OPTIONS.recording, ";", "set-option", "-pu", "-t", paneId, PANE_OPTIONS.runFile]);
  }
};

// src/tmux/pane.ts
var text = (value) => value, flag = (value) => value === "1", number = (value) => Number(value), PANE_FIELDS = {
  paneId: { format: "pane_id", parse: text },
  piped: { format: "pane_pipe", parse: flag },
  /** Recording id while tmux-audit logs this pane, else empty. */
  recording: { format: PANE_OPTIONS.recording, parse: text },
  /** Run file of that recording, else empty. */
  runFile: { format: PANE_OPTIONS.runFile, parse: text },
  session: { format: "session_name", parse: text },
  window: { format: "window_index", parse: text },
  pane: { format: "pane_index", parse: text },
  serverPid: { format: "pid", parse: text },
  socket: { format: "socket_path", parse: text },
  version: { format: "version", parse: text },
  /** Cursor position and whether the alternate screen is on: where logging picks up. */
  cursorX: { format: "cursor_x", parse: number },
  cursorY: { format: "cursor_y", parse: number },
  alternateScreen: { format: "alternate_on", parse: flag }
}, FIELD_KEYS = Object.keys(PANE_FIELDS), FORMATS = [...FIELD_KEYS.map((key) => PANE_FIELDS[key].format), ...START_OPTIONS.map((key) => OPTIONS[key].name)];
function readPane(tmux, target) {
  let values = tmux.run(["display-message", "-p", "-t", target, FORMATS.map((format2) => `#{${format2}}`).join(FIELD_SEPARATOR)]).replace(/\n$/, "").split(FIELD_SEPARATOR);
  if (values.length !== FORMATS.length) throw new AuditError(`cannot read the state of pane ${target}`);
  let state = {};
  FIELD_KEYS.forEach((key, index) => {
    state[key] = PANE_FIELDS[key].parse(values[index]);
  });
  let options = {};
  return START_OPTIONS.forEach((key, index) => {
    options[key] = values[FIELD_KEYS.length + index];
  }), { ...state, options };
}

// src/commands/toggle.ts
var READER_START_TIMEOUT_MS = 3e3;
function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
function readTarget(tmux, invocation) {
  let state = readPane(tmux, invocation.pane || process.env.TMUX_PANE || ""), alive = state.recording !== "" && state.piped && livingReader(state.runFile) !== void 0;
  return { state, alive };
}
function start(tmux, state, invocation) {
  let { options, warnings } = resolveOptions(state.options, process.env), plan = planStart({
    state,
    options,
    warnings,
    dirExists: import_node_fs3.default.existsSync(options.dir),
    id: nanoid(10),
    username: import_node_os.default.userInfo().username,
    clientUser: invocation.clientUser,
    node: process.execPath,
    // The bundle (dist/audit.cjs) that is running now.
    bundle: import_node_fs3.default.realpathSync(process.argv[1])
  });
  try {
    import_node_fs3.default.closeSync(openAppend(plan.file));
  } catch (error) {
    throw cannotWrite(plan.file, error);
  }
  let seed = plan.seedAt ? tmux.textBeforeCursor(state.paneId, plan.seedAt.x, plan.seedAt.y) : "";
  writeRecording(plan.runFile, { ...plan.recording, seed }), tmux.startPipe(state.paneId, plan.command, plan.recording.id, plan.runFile);
  let deadline = Date.now() + READER_START_TIMEOUT_MS;
  for (; livingReader(plan.runFile) === void 0; ) {
    if (Date.now() > deadline)
      throw tmux.stopPipe(state.paneId), new AuditError(plan.readerFailed);
    sleep(20);
  }
  return plan.messages;
}
function stop(tmux, state, alive, invocation) {
  let plan = planStop(state, alive, asker(invocation.clientUser, import_node_os.default.userInfo().username));
  return plan.requestStopBy !== void 0 && requestStop(state.runFile, plan.requestStopBy), tmux.stopPipe(state.paneId), plan.messages;
}
function perform(verb, tmux, invocation) {
  let { state, alive } = readTarget(tmux, invocation);
  return { messages: chooseAction(verb, state, alive) === "start" ? start(tmux, state, invocation) : stop(tmux, state, alive, invocation), version: state.version };
}
function toggleLogging(tmux, invocation) {
  return perform("toggle", tmux, invocation);
}
function startLogging(tmux, invocation) {
  return perform("start", tmux, invocation);
}
function stopLogging(tmux, invocation) {
  return perform("stop", tmux, invocation);
}

// src/commands/status.ts
function describeLogging(tmux, invocation) {
  let { state, alive } = readTarget(tmux, invocation), live = alive ? { recording: readRecording(state.runFile), pid: livingReader(state.runFile) } : void 0;
  return { messages: [describePane(state, live)], version: state.version };
}

// src/capture/identity.ts
var import_node_os2 = __toESM(require("node:os"), 1);
function recordingIdentity(recording) {
  return {
    rec: recording.id,
    user: recording.user || import_node_os2.default.userInfo().username,
    place: { server: recording.socket, session: recording.session, window: recording.window, pane: recording.pane, paneId: recording.paneId }
  };
}

// src/capture/stamper.ts
var Stamper = class {
  constructor(identity) {
    this.identity = identity;
    let { rec, user, place } = identity;
    this.reused = { time: 0, rec, seq: void 0, user, place, kind: "line", text: "", fields: void 0 };
  }
  identity;
  reused;
  /** Output: a line, a continuation piece or a screen row. Valid until the next call. */
  output(kind, text2, time) {
    let record = this.reused;
    return record.time = time, record.seq = void 0, record.kind = kind, record.text = text2, record;
  }
  /** An event of the recorder (a fresh record). */
  event(name, fields, time) {
    let { rec, user, place } = this.identity;
    return { time, rec, seq: void 0, user, place, kind: "event", text: name, fields };
  }
};

// src/sinks/file/append.ts
function appendRecords(file, timeFormat, records, prefix = "") {
  let format2 = new TextFormat(timeFormat);
  appendLines(file, prefix + records.map((record) => format2.format(record)).join(""));
}

// src/commands/renamed.ts
function noteRename(tmux, session) {
  let { name, panes } = tmux.loggedPanes(session);
  for (let pane of panes) {
    let recording;
    try {
      recording = readRecording(pane.runFile);
    } catch {
      continue;
    }
    if (recording.id !== pane.recording || livingReader(pane.runFile) === void 0) continue;
    let rename = new Stamper(recordingIdentity(recording)).event("rename", { to: name }, Date.now());
    appendRecords(recording.file, recording.timeFormat, [rename]);
  }
  return { messages: [], version: "" };
}

// src/terminal/ansi.ts
var ALTERNATE_SCREEN_MODES = /* @__PURE__ */ new Set([1049, 1047, 47]), LINE_EDIT_FINALS = /* @__PURE__ */ new Set([75 /* EraseInLine */, 67 /* CursorForward */, 68 /* CursorBackward */, 71 /* CursorColumn */]), OP_LINE_EDIT = 256, OP_ENTER_ALTERNATE = 512, OP_LEAVE_ALTERNATE = 513;
var ESC = 27, CAN = 24, SUB = 26, BEL = 7, DEL = 127, MAX_PARAM = 9999, LF = 10, CR = 13, BS = 8, TAB = 9, HEX = "0123456789abcdef";
function escapeByte(out, o, byte) {
  return out[o] = 92, out[o + 1] = 120, out[o + 2] = HEX.charCodeAt(byte >> 4), out[o + 3] = HEX.charCodeAt(byte & 15), o + 4;
}
function escapeC1(out, o, codePoint) {
  return out[o] = 92, out[o + 1] = 117, out[o + 2] = 48, out[o + 3] = 48, out[o + 4] = HEX.charCodeAt(codePoint >> 4), out[o + 5] = HEX.charCodeAt(codePoint & 15), o + 6;
}
var EscapeCleaner = class {
  state = 0 /* Ground */;
  /** First CSI parameter, or -1 when none was given. */
  param = -1;
  /** Only the first parameter matters for the line edits; later ones are skipped. */
  paramIndex = 0;
  /** The private marker (`?`, `>`, ...) of this CSI, or 0; with intermediates, a CSI we never apply. */
  marker = 0;
  intermediates = !1;
  /** Bytes of an unfinished UTF-8 character (at most 3), how many more it needs, and the range of the next. */
  pending = new Uint8Array(3);
  pendingLength = 0;
  need = 0;
  lower = 128;
  upper = 191;
  /** Printable text of the chunk being cleaned, as UTF-8. */
  out = Buffer.allocUnsafe(64 * 1024);
  /**
   * UTF-8 bytes in `out` beyond one UTF-16 unit per character so far in this
   * chunk: an op's byte offset minus this is its offset in the decoded text.
   */
  extraBytes = 0;
  /** The chunk's ops: offset in the decoded text, op code, parameter. At most one per input byte. */
  opAt = new Int32Array(1024);
  opCode = new Int32Array(1024);
  opParam = new Int32Array(1024);
  ops = 0;
  /** Cleans one chunk, reporting what it holds to `perform` in stream order. */
  advance(chunk, perform2) {
    let room = chunk.length * 4 + 24;
    if (this.out.length < room && (this.out = Buffer.allocUnsafe(room)), this.opAt.length < chunk.length + 1) {
      let size = chunk.length + 1;
      this.opAt = new Int32Array(size), this.opCode = new Int32Array(size), this.opParam = new Int32Array(size);
    }
    this.ops = 0, this.extraBytes = 0;
    let out = this.out, o = 0, state = this.state, n = chunk.length;
    for (let i = 0; i < n; i++) {
      let b = chunk[i];
      if (state === 0 /* Ground */) {
        if (this.need > 0) {
          if (b >= this.lower && b <= this.upper) {
            o = this.continueCharacter(out, o, b);
            continue;
          }
          o = this.escapePending(out, o);
        }
        if (b < 128)
          if (b >= 32 && b !== DEL) out[o++] = b;
          else if (b === LF) {
            let k = this.ops++;
            this.opAt[k] = o - this.extraBytes, this.opCode[k] = LF;
          } else b === ESC ? state = 1 /* Escape */ : o = this.control(out, o, b);
        else o = this.startCharacter(out, o, b);
        continue;
      }
      if (b === ESC) {
        state = 1 /* Escape */;
        continue;
      }
      if (b === CAN || b === SUB) {
        state = 0 /* Ground */;
        continue;
      }
      switch (state) {
        case 1 /* Escape */:
          b < 32 ? o = this.control(out, o, b) : b === 91 ? (state = 3 /* CsiEntry */, this.param = -1, this.paramIndex = 0, this.marker = 0, this.intermediates = !1) : b === 93 ? state = 7 /* OscString */ : b === 80 || b === 88 || b === 94 || b === 95 ? state = 8 /* IgnoredString */ : b >= 32 && b <= 47 ? state = 2 /* EscapeIntermediate */ : b !== DEL && (state = 0 /* Ground */);
          break;
        case 2 /* EscapeIntermediate */:
          b < 32 ? o = this.control(out, o, b) : b >= 48 && b !== DEL && (state = 0 /* Ground */);
          break;
        case 3 /* CsiEntry */:
        case 4 /* CsiParam */:
          if (b < 32) o = this.control(out, o, b);
          else if (b >= 48 && b <= 57) {
            if (state = 4 /* CsiParam */, this.paramIndex === 0) {
              let next = (this.param < 0 ? 0 : this.param) * 10 + (b - 48);
              this.param = next > MAX_PARAM ? MAX_PARAM : next;
            }
          } else b === 59 || b === 58 ? (state = 4 /* CsiParam */, this.paramIndex++) : b >= 60 && b <= 63 ? state === 4 /* CsiParam */ ? state = 6 /* CsiIgnore */ : (this.marker = b, state = 4 /* CsiParam */) : b >= 32 && b <= 47 ? (this.intermediates = !0, state = 5 /* CsiIntermediate */) : b >= 64 && b <= 126 && (this.intermediates || this.dispatchCsi(o, b), state = 0 /* Ground */);
          break;
        case 5 /* CsiIntermediate */:
          b < 32 ? o = this.control(out, o, b) : b >= 48 && b <= 63 ? state = 6 /* CsiIgnore */ : b >= 64 && b <= 126 && (state = 0 /* Ground */);
          break;
        case 6 /* CsiIgnore */:
          b < 32 ? o = this.control(out, o, b) : b >= 64 && b <= 126 && (state = 0 /* Ground */);
          break;
        case 7 /* OscString */:
          b === BEL && (state = 0 /* Ground */);
          break;
        case 8 /* IgnoredString */:
          break;
      }
    }
    this.state = state, this.report(o, perform2);
  }
  /** End of stream: an unfinished character is reported as escaped bytes. */
  end(perform2) {
    this.ops = 0, this.extraBytes = 0, this.report(this.escapePending(this.out, 0), perform2);
  }
  /** Decodes the chunk's text once and reports it, cut at the ops, in order. */
  report(length, perform2) {
    if (length === 0 && this.ops === 0) return;
    let text2 = this.out.toString("utf8", 0, length), from = 0;
    for (let k = 0; k < this.ops; k++) {
      let at = this.opAt[k];
      at > from && perform2.print(text2.slice(from, at)), from = at;
      let code = this.opCode[k];
      code < OP_LINE_EDIT ? perform2.execute(code) : code < OP_ENTER_ALTERNATE ? perform2.lineEdit(code - OP_LINE_EDIT, this.opParam[k]) : perform2.screen(code === OP_ENTER_ALTERNATE);
    }
    from < text2.length && perform2.print(from === 0 ? text2 : text2.slice(from));
  }
  op(o, code, param) {
    let k = this.ops++;
    this.opAt[k] = o - this.extraBytes, this.opCode[k] = code, this.opParam[k] = param;
  }
  /** A C0 control: TAB stays in the text, LF/CR/BS are reported, the rest are dropped. */
  control(out, o, b) {
    return b === TAB ? out[o++] = b : (b === LF || b === CR || b === BS) && this.op(o, b, -1), o;
  }
  /**
   * A byte >= 0x80 outside a character. UTF-8 lead bytes start one (0x80–0x9F
   * are continuation bytes here, never C1 controls, as in vte's UTF-8 mode);
   * anything else is escaped.
   */
  startCharacter(out, o, b) {
    let need = 0, lower = 128, upper = 191;
    if (b >= 194 && b <= 223) need = 1;
    else if (b >= 224 && b <= 239)
      need = 2, b === 224 ? lower = 160 : b === 237 && (upper = 159);
    else if (b >= 240 && b <= 244)
      need = 3, b === 240 ? lower = 144 : b === 244 && (upper = 143);
    else return escapeByte(out, o, b);
    return this.pending[0] = b, this.pendingLength = 1, this.need = need, this.lower = lower, this.upper = upper, o;
  }
  continueCharacter(out, o, b) {
    if (this.pending[this.pendingLength++] = b, this.lower = 128, this.upper = 191, --this.need > 0) return o;
    let length = this.pendingLength;
    if (this.pendingLength = 0, length === 2 && this.pending[0] === 194 && b <= 159) return escapeC1(out, o, b);
    for (let k = 0; k < length - 1; k++) out[o++] = this.pending[k];
    return out[o++] = b, this.extraBytes += length === 4 ? 2 : length - 1, o;
  }
  escapePending(out, o) {
    for (let k = 0; k < this.pendingLength; k++) o = escapeByte(out, o, this.pending[k]);
    return this.pendingLength = 0, this.need = 0, this.lower = 128, this.upper = 191, o;
  }
  /** Reports the few CSI sequences that matter to the log. */
  dispatchCsi(o, final) {
    this.marker === 0 && LINE_EDIT_FINALS.has(final) ? this.op(o, OP_LINE_EDIT + final, this.param) : this.marker === 63 && (final === 104 || final === 108) && ALTERNATE_SCREEN_MODES.has(this.param) && this.op(o, final === 104 ? OP_ENTER_ALTERNATE : OP_LEAVE_ALTERNATE, -1);
  }
};

// src/terminal/lines.ts
var MAX_LINE_CHARS = 16 * 1024, LF2 = 10, CR2 = 13, BS2 = 8, LineAssembler = class {
  constructor(sink, maxChars = MAX_LINE_CHARS) {
    this.sink = sink;
    this.maxChars = maxChars;
  }
  sink;
  maxChars;
  text = "";
  cursor = 0;
  continued = !1;
  /** In the alternate screen, output is a picture redrawn by cursor moves, not lines: it is set aside. */
  alternate = !1;
  /** Starts the current line with text already on screen, the cursor after it. */
  seed(text2) {
    this.text = text2, this.cursor = text2.length;
  }
  /** Switches screens without a sequence in the stream: the pane was already there, or tmux switched it. */
  setAlternate(alternate) {
    alternate !== this.alternate && (alternate && this.text.length > 0 && this.emit(), this.text = "", this.cursor = 0, this.alternate = alternate, this.sink.screen(alternate));
  }
  /** Writes at the cursor, overwriting what is there; past the end pads with blanks, as the screen shows. */
  print(part) {
    if (this.alternate) return;
    let { text: text2, cursor } = this;
    cursor === text2.length ? this.text = text2.length === 0 ? part : text2 + part : cursor > text2.length ? this.text = text2 + " ".repeat(cursor - text2.length) + part : this.text = text2.slice(0, cursor) + part + text2.slice(cursor + part.length), this.cursor = cursor + part.length, this.text.length > this.maxChars && this.split();
  }
  execute(control) {
    this.alternate || (control === LF2 ? this.emit() : control === CR2 ? this.cursor = 0 : control === BS2 && this.cursor > 0 && this.cursor--);
  }
  lineEdit(edit, param) {
    if (this.alternate) return;
    let count = param > 0 ? param : 1;
    switch (edit) {
      case 75 /* EraseInLine */:
        if (param <= 0) this.text = this.text.slice(0, this.cursor);
        else if (param === 1) {
          let upto = Math.min(this.cursor + 1, this.text.length);
          this.text = " ".repeat(upto) + this.text.slice(upto);
        } else this.text = "";
        break;
      case 67 /* CursorForward */:
        this.cursor += count;
        break;
      case 68 /* CursorBackward */:
        this.cursor = Math.max(0, this.cursor - count);
        break;
      case 71 /* CursorColumn */:
        this.cursor = count - 1;
        break;
    }
    this.cursor > this.maxChars && (this.cursor = this.maxChars);
  }
  screen(alternate) {
    this.setAlternate(alternate);
  }
  /** Emits what is left of an unfinished line (end of stream). */
  finish() {
    this.text.length > 0 && this.emit();
  }
  split() {
    for (; this.text.length > this.maxChars; ) {
      let cut = this.maxChars, last = this.text.charCodeAt(cut - 1);
      last >= 55296 && last <= 56319 && cut--, this.sink.line(this.text.slice(0, cut), this.continued), this.continued = !0, this.text = this.text.slice(cut), this.cursor = Math.max(0, this.cursor - cut);
    }
  }
  emit() {
    this.sink.line(this.text, this.continued), this.text = "", this.cursor = 0, this.continued = !1;
  }
};

// src/terminal/transcript.ts
var Transcript = class {
  cleaner = new EscapeCleaner();
  lines;
  constructor(sink, maxLineChars) {
    this.lines = new LineAssembler(sink, maxLineChars);
  }
  /** Text the current line already holds (what the screen showed before the stream began). */
  seed(text2) {
    this.lines.seed(text2);
  }
  /** See LineAssembler.setAlternate. */
  setAlternate(alternate) {
    this.lines.setAlternate(alternate);
  }
  push(chunk) {
    this.cleaner.advance(chunk, this.lines);
  }
  /** End of stream: what is left of the last line is emitted too. */
  end() {
    this.cleaner.end(this.lines), this.lines.finish();
  }
};

// src/capture/screen.ts
var ScreenRecorder = class {
  constructor(source, write, leave) {
    this.source = source;
    this.write = write;
    this.leave = leave;
  }
  source;
  write;
  leave;
  alternate = !1;
  closed = !1;
  capturing = !1;
  settle;
  lastCapture = 0;
  lastSnapshot = "";
  /** Set while a leave found by a capture (not by the stream) is being reported: the normal screen's rows. */
  resynced;
  /** The pane entered (true) or left (false) the alternate screen. */
  switched(alternate) {
    if (this.alternate = alternate, this.lastSnapshot = "", clearTimeout(this.settle), !alternate) {
      let rows = this.resynced;
      this.resynced = void 0, rows ? this.write([{ event: { state: "leave", reason: "resync" } }, { event: { state: "snapshot", rows: rows.length, screen: "normal" } }, ...rows.map((row) => ({ row }))]) : this.write([{ event: { state: "leave" } }]);
      return;
    }
    this.lastCapture = Date.now(), this.write([{ event: { state: "enter", program: this.source?.program() } }]), !this.closed && this.source && (this.settle = setTimeout(() => this.capture(), 500));
  }
  /** The pane printed something (called after each read). */
  output() {
    !this.alternate || this.closed || !this.source || (Date.now() - this.lastCapture >= 5e3 && this.capture(), clearTimeout(this.settle), this.settle = setTimeout(() => this.capture(), 500));
  }
  close() {
    this.closed = !0, clearTimeout(this.settle);
  }
  capture() {
    this.capturing || !this.source || (this.capturing = !0, this.lastCapture = Date.now(), this.source.capture((screen) => {
      if (this.capturing = !1, !screen || !this.alternate || this.closed) return;
      if (!screen.alternate) {
        this.resynced = screen.rows, this.leave();
        return;
      }
      let { rows } = screen, snapshot = rows.join(`
`);
      snapshot !== this.lastSnapshot && (this.lastSnapshot = snapshot, this.write([{ event: { state: "snapshot", rows: rows.length } }, ...rows.map((row) => ({ row }))]));
    }));
  }
};

// src/capture/recorder.ts
var Recorder = class {
  constructor(stamper, pipeline, options) {
    this.stamper = stamper;
    this.pipeline = pipeline;
    this.options = options;
    this.transcript = new Transcript(this, options.maxLineChars), this.screenRecorder = new ScreenRecorder(
      options.screen,
      (entries) => this.screenEntries(entries),
      () => this.transcript.setAlternate(!1)
    );
  }
  stamper;
  pipeline;
  options;
  transcript;
  screenRecorder;
  /** One clock reading per chunk, for everything the chunk produces. */
  time = 0;
  /**
   * Opens the recording: `seed` is what the cursor's line already showed,
   * `alternate` whether a full-screen program was up (its screen is then a
   * block from the start).
   */
  start(fields, seed, alternate) {
    this.transcript.seed(seed), this.event("start", fields), this.pipeline.flush(), alternate && this.transcript.setAlternate(!0);
  }
  /** A chunk of the pane's output, as read. */
  push(chunk) {
    this.time = this.options.now(), this.transcript.push(chunk), this.pipeline.flush(), this.screenRecorder.output();
  }
  /** The recorder's own event, in order with the output. */
  event(name, fields) {
    this.pipeline.push(this.stamper.event(name, fields, this.options.now()));
  }
  /** End of input: what is left of the last line is recorded, and anything held is let go. */
  endOfInput() {
    this.time = this.options.now(), this.transcript.end(), this.screenRecorder.close(), this.pipeline.settle();
  }
  /** The last event, then everything delivered and closed. */
  async stop(fields) {
    this.event("stop", fields), await this.pipeline.close();
  }
  /** LineSink: a finished line of output. */
  line(text2, continued) {
    this.pipeline.push(this.stamper.output(continued ? "piece" : "line", text2, this.time));
  }
  /** LineSink: the pane switched screens. */
  screen(alternate) {
    this.screenRecorder.switched(alternate);
  }
  screenEntries(entries) {
    let time = this.options.now();
    for (let entry of entries)
      "event" in entry ? this.pipeline.push(this.stamper.event("screen", entry.event, time)) : this.pipeline.push(this.stamper.output("screen", entry.row, time));
    this.pipeline.flush();
  }
};

// src/pipeline/backlog.ts
var BacklogGuard = class {
  constructor(options) {
    this.options = options;
    this.limit = options.limit ?? 16777216;
  }
  options;
  lines = 0;
  chars = 0;
  check;
  limit;
  /** The queue has drained while lines were being dropped: the event must not wait for more output. */
  drained = () => {
  };
  push(record, next) {
    if (record.kind !== "line" && record.kind !== "piece") return next(record);
    if (this.options.pressure() > (this.lines > 0 ? this.limit / 2 : this.limit)) {
      this.lines === 0 && (this.check = setInterval(() => {
        this.options.pressure() <= this.limit / 2 && this.drained();
      }, 500)), this.lines++, this.chars += record.text.length;
      return;
    }
    this.lines > 0 && this.endGap(next), next(record);
  }
  connect(settle) {
    this.drained = settle;
  }
  settle(next) {
    this.lines > 0 && this.endGap(next);
  }
  close() {
    clearInterval(this.check);
  }
  endGap(next) {
    let event = this.options.dropped(this.lines, this.chars);
    clearInterval(this.check), this.lines = 0, this.chars = 0, next(event);
  }
};

// src/pipeline/pipeline.ts
var Pipeline = class {
  constructor(transforms, sinks) {
    this.transforms = transforms;
    this.sinks = sinks;
    let fanOut = (record) => {
      record.seq = this.seq++;
      for (let i = 0; i < sinks.length; i++) sinks[i].write(record);
    };
    this.nexts = [];
    let next = fanOut;
    for (let i = transforms.length - 1; i >= 0; i--) {
      this.nexts[i] = next;
      let transform = transforms[i], after = next;
      next = (record) => transform.push(record, after);
    }
    this.entry = next;
    for (let transform of transforms) transform.connect?.(() => this.settle());
  }
  transforms;
  sinks;
  entry;
  nexts;
  seq = 0;
  push(record) {
    this.entry(record);
  }
  /** The end of a burst: the sinks send what they batched. */
  flush() {
    for (let sink of this.sinks) sink.flush();
  }
  /** Lets every transform pass on what it holds, then flushes. */
  settle() {
    for (let i = 0; i < this.transforms.length; i++) this.transforms[i].settle?.(this.nexts[i]);
    this.flush();
  }
  async close() {
    this.settle();
    for (let transform of this.transforms) transform.close?.();
    await Promise.all(this.sinks.map((sink) => sink.close()));
  }
};

// src/runtime/input.ts
var import_node_net = __toESM(require("node:net"), 1), READ_BUFFER_BYTES = 64 * 1024;
function readInput(handlers) {
  let socket;
  try {
    let buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    socket = new import_node_net.default.Socket({
      fd: 0,
      readable: !0,
      writable: !1,
      onread: {
        buffer,
        callback: (length) => (handlers.data(buffer.subarray(0, length)), !0)
      }
    });
  } catch {
    let stdin = process.stdin;
    return stdin.on("data", handlers.data), stdin.on("end", handlers.end), stdin.on("error", handlers.error), () => stdin.pause();
  }
  return socket.on("end", handlers.end), socket.on("error", handlers.error), () => socket.pause();
}

// src/sinks/file/writer.ts
var import_node_fs5 = __toESM(require("node:fs"), 1);

// src/core/rotate.ts
function needsRotation(currentSize, incoming, maxBytes) {
  return currentSize > 0 && currentSize + incoming > maxBytes;
}
function utcStamp(date) {
  return date.toISOString().replace(/[-:]/g, "");
}
function rotatedName(live, date, taken) {
  let base = `${live}.${utcStamp(date)}`, name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}
function escapeRegExp(text2) {
  return text2.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function rotatedFiles(names, live) {
  let pattern = new RegExp(`^${escapeRegExp(live)}\\.(\\d{8}T\\d{6}\\.\\d{3}Z)(?:-(\\d+))?$`), found = [];
  for (let name of names) {
    let match2 = pattern.exec(name);
    match2 && found.push({ name, time: match2[1], n: Number(match2[2] ?? 0) });
  }
  return found.sort((a, b) => a.time < b.time ? -1 : a.time > b.time ? 1 : a.n - b.n), found.map((file) => file.name);
}
function filesToPrune(names, live, keep) {
  let rotated = rotatedFiles(names, live);
  return rotated.slice(0, Math.max(0, rotated.length - keep));
}

// src/sinks/file/queue.ts
var ByteQueue = class {
  fill = Buffer.allocUnsafe(262144);
  spare = Buffer.allocUnsafe(262144);
  used = 0;
  /** End offset of each piece in `fill`. */
  ends = [];
  /** Bytes queued. */
  get length() {
    return this.used;
  }
  /** Bytes in the first piece (0 when empty). */
  get firstPiece() {
    return this.ends.length > 0 ? this.ends[0] : 0;
  }
  push(text2) {
    let worst = text2.length * 3;
    this.used + worst > this.fill.length && (this.fill = this.grown(this.fill, this.used + worst)), this.used += this.fill.write(text2, this.used), this.ends.push(this.used);
  }
  /** Removes whole pieces up to `limit` bytes (at least one) and returns them, valid until the next take. */
  take(limit) {
    let last = 0;
    for (; last + 1 < this.ends.length && this.ends[last + 1] <= limit; ) last++;
    let cut = this.ends[last], taken = this.fill.subarray(0, cut), rest = this.used - cut;
    return this.spare.length < rest && (this.spare = this.grown(this.spare, rest)), this.fill.copy(this.spare, 0, cut, this.used), this.ends = this.ends.slice(last + 1).map((end) => end - cut), [this.fill, this.spare] = [this.spare, this.fill], this.used = rest, taken;
  }
  /** When empty, gives back what a flood made the buffers grow to. */
  shrink() {
    this.used > 0 || (this.fill.length > 262144 && (this.fill = Buffer.allocUnsafe(262144)), this.spare.length > 262144 && (this.spare = Buffer.allocUnsafe(262144)));
  }
  /** Puts bytes that could not be written back at the head, as one piece. */
  unshift(bytes) {
    this.used + bytes.length > this.fill.length && (this.fill = this.grown(this.fill, this.used + bytes.length)), this.fill.copy(this.fill, bytes.length, 0, this.used), bytes.copy(this.fill, 0), this.ends = [bytes.length, ...this.ends.map((end) => end + bytes.length)], this.used += bytes.length;
  }
  /** A bigger buffer holding the first `used` bytes of `buffer` (what matters of `fill`; nothing of `spare`). */
  grown(buffer, needed) {
    let bigger = Buffer.allocUnsafe(Math.max(needed, Math.min(buffer.length * 2, needed + 8388608)));
    return buffer === this.fill && buffer.copy(bigger, 0, 0, this.used), bigger;
  }
};

// src/sinks/file/rotation.ts
var import_node_fs4 = __toESM(require("node:fs"), 1), import_node_path6 = __toESM(require("node:path"), 1);
var STALE_LOCK_MS = 1e4;
function sameFile(mine, current) {
  return current !== void 0 && current.ino === mine.ino && current.dev === mine.dev;
}
function rotateUnderLock(file, fd, maxFiles, reopen) {
  let lock = rotationLockPath(file);
  if (!acquire(lock)) return !1;
  try {
    if (sameFile(import_node_fs4.default.fstatSync(fd), import_node_fs4.default.statSync(file, { throwIfNoEntry: !1 }))) {
      let dir = import_node_path6.default.dirname(file), live = import_node_path6.default.basename(file), names = import_node_fs4.default.readdirSync(dir), rotated = rotatedName(live, /* @__PURE__ */ new Date(), new Set(names));
      import_node_fs4.default.renameSync(file, import_node_path6.default.join(dir, rotated));
      for (let old of filesToPrune([...names, rotated], live, maxFiles))
        import_node_fs4.default.rmSync(import_node_path6.default.join(dir, old), { force: !0 });
    }
    return reopen(), !0;
  } finally {
    import_node_fs4.default.rmSync(lock, { force: !0 });
  }
}
function acquire(lock) {
  for (let attempt = 0; attempt < 2; attempt++)
    try {
      let fd = import_node_fs4.default.openSync(lock, import_node_fs4.default.constants.O_WRONLY | import_node_fs4.default.constants.O_CREAT | import_node_fs4.default.constants.O_EXCL | import_node_fs4.default.constants.O_NOFOLLOW, 384);
      return import_node_fs4.default.writeSync(fd, String(process.pid)), import_node_fs4.default.closeSync(fd), !0;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      let holder, age;
      try {
        holder = import_node_fs4.default.readFileSync(lock, "utf8"), age = Date.now() - import_node_fs4.default.statSync(lock).mtimeMs;
      } catch (readError) {
        if (readError.code === "ENOENT") continue;
        throw readError;
      }
      if (age < STALE_LOCK_MS && (holder === "" || processAlive(Number(holder)))) return !1;
      import_node_fs4.default.rmSync(lock, { force: !0 });
    }
  return !1;
}

// src/sinks/file/writer.ts
var GATHER_MS = 5, GATHER_BYTES = 64 * 1024, SHRINK_AFTER_MS = 1e3, RETRY_MS = 1e3, ROTATION_WAIT_MS = 5, LogFile = class {
  constructor(file, options) {
    this.file = file;
    this.options = options;
    this.fd = openAppend(file), this.writeFn = options.write ?? import_node_fs5.default.write;
  }
  file;
  options;
  fd;
  /** Encoded at once: compact bytes off the JS heap, and exact sizes for rotation. */
  queue = new ByteQueue();
  writeFn;
  writing = !1;
  failing = !1;
  rotateFailing = !1;
  drainTimer;
  shrinkTimer;
  idle = [];
  /** Bytes queued and not yet written: what the reader bounds. */
  get backlog() {
    return this.queue.length;
  }
  write(text2) {
    this.queue.push(text2), !this.writing && (this.queue.length >= GATHER_BYTES && !this.failing ? (this.drainTimer && clearTimeout(this.drainTimer), this.drainTimer = void 0, this.drain()) : this.drainTimer || this.drainLater(GATHER_MS));
  }
  drainLater(ms) {
    this.drainTimer = setTimeout(() => {
      this.drainTimer = void 0, this.writing || this.drain();
    }, ms);
  }
  /** Resolves once everything queued so far is on disk (or the writer gave up on a failure). */
  flush() {
    return !this.writing && this.queue.length === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }
  /**
   * Writes what is queued synchronously, for the last moments of a process.
   * Only while no write is in flight (close() waits for it): the queue's
   * double buffer must not be taken from twice.
   */
  flushSync() {
    if (this.writing || (this.drainTimer && clearTimeout(this.drainTimer), this.drainTimer = void 0, this.queue.length === 0)) return;
    let data = this.queue.take(Number.POSITIVE_INFINITY);
    try {
      this.prepare(data.length);
      for (let offset = 0; offset < data.length; ) offset += import_node_fs5.default.writeSync(this.fd, data, offset);
    } catch (error) {
      this.options.onError(error);
    }
  }
  async close() {
    for (this.failing || await this.flush(); this.writing; ) await new Promise((resolve) => setTimeout(resolve, 10));
    this.flushSync(), clearTimeout(this.shrinkTimer);
    try {
      import_node_fs5.default.fsyncSync(this.fd);
    } catch {
    }
    import_node_fs5.default.closeSync(this.fd);
  }
  drain() {
    if (this.queue.length === 0) {
      this.writing = !1, clearTimeout(this.shrinkTimer), this.shrinkTimer = setTimeout(() => {
        this.writing || this.queue.shrink();
      }, SHRINK_AFTER_MS).unref();
      for (let resolve of this.idle.splice(0)) resolve();
      return;
    }
    this.writing = !0;
    let room;
    try {
      room = this.prepare(this.queue.firstPiece);
    } catch (error) {
      this.writing = !1, this.retryLater(error);
      return;
    }
    if (room === void 0) {
      this.writing = !1, this.drainLater(ROTATION_WAIT_MS);
      return;
    }
    this.writeFrom(this.queue.take(room), 0);
  }
  writeFrom(data, offset) {
    this.writeFn(this.fd, data, offset, data.length - offset, null, (error, written) => {
      if (error) {
        this.fail(error, data.subarray(offset));
        return;
      }
      this.failing && (this.failing = !1, this.options.onRecover()), offset + written < data.length ? this.writeFrom(data, offset + written) : this.drain();
    });
  }
  /** Keeps the unwritten bytes at the head of the queue and retries later: nothing is dropped here. */
  fail(error, rest) {
    this.queue.unshift(rest), this.writing = !1, this.retryLater(error);
  }
  retryLater(error) {
    this.failing || (this.failing = !0, this.options.onError(error));
    for (let resolve of this.idle.splice(0)) resolve();
    this.drainLater(RETRY_MS);
  }
  /**
   * Makes sure the next write goes to the right file: follows another writer's
   * rotation, or rotates before `incoming` bytes would pass the limit. Returns
   * the room left under the limit, or undefined while another writer holds the
   * rotation lock.
   */
  prepare(incoming) {
    let mine = import_node_fs5.default.fstatSync(this.fd);
    sameFile(mine, import_node_fs5.default.statSync(this.file, { throwIfNoEntry: !1 })) || (this.reopen(), mine = import_node_fs5.default.fstatSync(this.fd));
    let size = mine.size;
    if (needsRotation(size, incoming, this.options.maxBytes)) {
      let rotated;
      try {
        rotated = rotateUnderLock(this.file, this.fd, this.options.maxFiles, () => this.reopen()), this.rotateFailing = !1;
      } catch (error) {
        return this.rotateFailing || this.options.onRotateError(error), this.rotateFailing = !0, Number.POSITIVE_INFINITY;
      }
      if (!rotated) return;
      size = import_node_fs5.default.fstatSync(this.fd).size;
    }
    return this.options.maxBytes - size;
  }
  reopen() {
    let fd = openAppend(this.file);
    import_node_fs5.default.closeSync(this.fd), this.fd = fd;
  }
};

// src/sinks/file/sink.ts
var BATCH_CHARS = 16 * 1024, FileSink = class {
  log;
  format;
  batch = "";
  constructor(file, timeFormat, options) {
    this.log = new LogFile(file, options), this.format = new TextFormat(timeFormat);
  }
  write(record) {
    this.batch += this.format.format(record), this.batch.length >= BATCH_CHARS && this.flush();
  }
  flush() {
    this.batch.length !== 0 && (this.log.write(this.batch), this.batch = "");
  }
  get backlog() {
    return this.log.backlog + this.batch.length;
  }
  async close() {
    this.flush(), await this.log.close();
  }
};

// src/commands/pipe.ts
function runPipe(recording, runFile, dependencies = {}) {
  runFile && writeReaderPid(runFile);
  let tmux = new Tmux(recording.socket), tell = (text2, error = !1) => {
    if (recording.socket)
      try {
        tmux.message(`tmux-audit: ${text2}`, { version: recording.version, error });
      } catch {
      }
  }, sink = new FileSink(recording.file, recording.timeFormat, {
    maxBytes: recording.maxBytes,
    maxFiles: recording.maxFiles,
    write: dependencies.write,
    // The essentials first: a narrow message line cuts the end off.
    onError: (error) => tell(`cannot write (${error.code ?? error.message}) ${recording.file}; logging of ${recording.paneId} resumes when it can`, !0),
    onRecover: () => tell(`writing again (${recording.paneId}) ${recording.file}`),
    onRotateError: (error) => tell(`cannot rotate (${error.code ?? error.message}) ${recording.file}; writing on past its size limit`, !0)
  }), stamper = new Stamper(recordingIdentity(recording)), guard = new BacklogGuard({
    pressure: () => sink.backlog,
    dropped: (lines, chars) => stamper.event("dropped", { lines, chars, reason: "log writer backlog" }, Date.now())
  }), pipeline = new Pipeline([guard], [sink]), recorder = new Recorder(stamper, pipeline, { now: Date.now, screen: recording.socket ? screenOf(tmux, recording.paneId) : void 0 });
  recorder.start({ by: recording.by, pane: recording.paneId || void 0, pid: process.pid, file: recording.file }, recording.seed ?? "", !!recording.alternateScreen);
  let stopReading = readInput({
    data: (chunk) => recorder.push(chunk),
    end: () => {
      finish("eof");
    },
    error: (error) => {
      finish(`input-error:${error.code ?? "unknown"}`);
    }
  }), finishing = !1, finish = async (reason) => {
    if (finishing) return;
    finishing = !0, stopReading(), recorder.endOfInput();
    let stop2 = runFile ? takeStopRequest(runFile) : void 0;
    await recorder.stop({ reason: stop2 ? "toggle" : reason === "eof" ? endOfInputReason(tmux, recording) : reason, by: stop2?.by }), runFile && removeRunFiles(runFile, recording.id), process.exit(0);
  };
  process.on("uncaughtException", (error) => {
    setTimeout(() => process.exit(70), 2e3);
    try {
      recorder.event("error", { message: error.message });
    } finally {
      pipeline.close().finally(() => process.exit(70));
    }
  });
  for (let signal of ["SIGTERM", "SIGHUP", "SIGINT"]) process.on(signal, () => {
    finish(signal);
  });
}
function screenOf(tmux, paneId) {
  return {
    program: () => {
      try {
        return tmux.currentCommand(paneId) || void 0;
      } catch {
        return;
      }
    },
    capture: (done) => tmux.captureScreen(paneId, done)
  };
}
function endOfInputReason(tmux, recording) {
  if (!recording.socket) return "eof";
  let pane = tmux.paneFate(recording.paneId);
  return pane === "gone" ? "pane-closed" : pane === "dead" ? "pane-exited" : pane === "alive" ? "pipe-closed" : "server-exit";
}

// src/commands/recover.ts
var import_node_os3 = __toESM(require("node:os"), 1);
function recoverReader(runFile, status) {
  let recording;
  try {
    recording = readRecording(runFile);
  } catch {
    return;
  }
  let cause = status > 128 ? { signal: signalName(status - 128) } : { exit: status }, said = status > 128 ? `killed by ${cause.signal}` : `exit status ${status}`, torn = !1;
  try {
    torn = !endsWithNewline(recording.file);
  } catch {
  }
  let stop2 = new Stamper(recordingIdentity(recording)).event("stop", { reason: "reader-died", ...cause }, Date.now());
  try {
    appendRecords(recording.file, recording.timeFormat, [stop2], torn ? `
` : "");
  } catch {
  }
  let tmux = new Tmux(recording.socket);
  try {
    tmux.clearMarks(recording.paneId, recording.id), tmux.message(`tmux-audit: logging of ${recording.paneId} stopped unexpectedly (reader ${said}, rec ${recording.id}); toggle to start again`, {
      version: recording.version,
      error: !0
    });
  } catch {
  }
  removeRunFiles(runFile, recording.id);
}
function signalName(signal) {
  let found = Object.entries(import_node_os3.default.constants.signals).find(([, number2]) => number2 === signal);
  return found ? found[0] : String(signal);
}

// src/core/status.ts
var DEFAULT_STATUS_ON = OPTIONS.statusOn.default, DEFAULT_STATUS_OFF = OPTIONS.statusOff.default;
function escapeBranch(text2) {
  let out = "", depth = 0;
  for (let i = 0; i < text2.length; i++) {
    let char = text2[i];
    if (char === "#" && i + 1 < text2.length) {
      let next = text2[i + 1];
      next === "{" && depth++, out += char + next, i++;
    } else char === "}" ? depth > 0 ? (depth--, out += char) : out += "#}" : char === "," && depth === 0 ? out += "#," : out += char;
  }
  return out;
}
function statusSegment(on, off) {
  let shownOff = escapeBranch(off);
  return `#{?pane_pipe,#{?${PANE_OPTIONS.recording},${escapeBranch(on)},${shownOff}},${shownOff}}`;
}

// src/cli.ts
var readerDependencies = {}, reportTo = "auto";
function toTmux() {
  return reportTo === "auto" ? !!process.env.TMUX && !process.env.TMUX_PANE : reportTo === "tmux";
}
function report(lines, version, error) {
  if (lines.length !== 0) {
    if (toTmux())
      try {
        new Tmux().message(`tmux-audit: ${lines.join(" \xB7 ")}`, { version, error });
        return;
      } catch {
      }
    (error ? process.stderr : process.stdout).write(`${lines.map((line) => `tmux-audit: ${line}`).join(`
`)}
`);
  }
}
function paneCommand(name, description, action) {
  return new Command(name).description(description).option("-t, --pane <pane>", "target pane (default: the pane this runs in)", "").option("--client-user <user>", "who asked, as tmux knows the client (#{client_user})", "").action((options) => {
    let outcome = action(new Tmux(), { pane: options.pane, clientUser: options.clientUser });
    report(outcome.messages, outcome.version, !1);
  });
}
var program2 = new Command("tmux-audit").description("Stamped, rotated logs of what tmux panes print").version("0.1.0").option("--report <where>", "where messages go: tmux (message line), terminal, or auto", "auto").hook("preAction", (command) => {
  let where = command.opts().report;
  if (where !== "auto" && where !== "tmux" && where !== "terminal") throw new AuditError(`--report takes tmux, terminal or auto, not '${where}'`, 2);
  reportTo = where;
}).exitOverride().configureOutput({ writeErr: () => {
} }).addCommand(paneCommand("toggle", "start logging the pane, or stop it if it is logged", toggleLogging)).addCommand(paneCommand("start", "start logging the pane", startLogging)).addCommand(paneCommand("stop", "stop logging the pane", stopLogging)).addCommand(paneCommand("status", "say whether the pane is logged, where to, and by whom", describeLogging)).addCommand(
  new Command("pipe").description("read output from stdin into a log: a pane's (what pipe-pane runs), or any program's with --file").argument("[run-file]", "the recording written by start").option("--file <path>", "without a run file: the log to append to").option("--session <name>", "with --file: the session name to stamp", "pipe").option("--time-format <format>", "with --file: date-fns format of the stamp", "").option("--max-size <size>", "with --file: rotate past this size", "").option("--max-files <n>", "with --file: rotated files to keep", "").action((runFile, options) => {
    if (runFile) return runPipe(readRecording(runFile), runFile, readerDependencies);
    if (!options.file) throw new AuditError("pipe needs a run file or --file <path>", 2);
    let { recording, warnings } = filterRecording(
      { ...options, file: options.file },
      { id: nanoid(10), username: import_node_os4.default.userInfo().username, env: process.env, cwd: process.cwd() }
    );
    return warnings.length > 0 && report(warnings, "", !0), runPipe(recording, void 0, readerDependencies);
  })
).addCommand(
  new Command("renamed").description("record a session rename in its recordings (what the session-renamed hook runs)").requiredOption("--session <session>", "the renamed session (#{hook_session})").action((options) => {
    let outcome = noteRename(new Tmux(), options.session);
    report(outcome.messages, outcome.version, !1);
  })
).addCommand(
  new Command("recover").description("close the recording of a reader that died (what pipe-pane runs after it)").argument("<run-file>", "the recording written by start").argument("<status>", "the reader's exit status").action((runFile, status) => recoverReader(runFile, Number(status)))
).addCommand(
  new Command("status-format").description("print the tmux format that replaces #{audit_status}").option("--on <format>", "shown while the current pane is logged", "").option("--off <format>", "shown while it is not", "").action((options) => {
    process.stdout.write(`${statusSegment(options.on || DEFAULT_STATUS_ON, options.off || DEFAULT_STATUS_OFF)}
`);
  })
);
for (let command of program2.commands) command.exitOverride().configureOutput({ writeErr: () => {
} });
function runCli(argv, dependencies = {}) {
  readerDependencies = dependencies;
  try {
    program2.parse(argv);
  } catch (error) {
    error instanceof CommanderError && (error.exitCode === 0 && process.exit(0), report([error.message.replace(/^error: /, "")], "", !0), process.exit(2)), error instanceof AuditError && (report([error.message], "", !0), process.exit(error.exitCode)), report([`unexpected failure: ${error.stack ?? String(error)}`], "", !0), process.exit(1);
  }
}

// src/main.ts
runCli(process.argv);
